package io.aihub.usage;

/** Published after a usage record is stored (once per request id); alerts and rollups listen. */
public record UsageRecorded(UsageRecord record) {
}
