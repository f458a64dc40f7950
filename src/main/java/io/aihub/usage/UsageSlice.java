package io.aihub.usage;

import java.time.Instant;

/** The figures of one dimension value in one bucket; {@code value} is null for records without one. */
public record UsageSlice(Instant start, String value, UsageFigures figures) {
}
