/**
 * Usage records: one per gateway request that reached an upstream, with its exact cost.
 * {@link io.aihub.usage.UsageService} writes them (idempotently, by request id), publishes
 * {@link io.aihub.usage.UsageRecorded}, and answers the aggregate questions other modules ask.
 */
package io.aihub.usage;
