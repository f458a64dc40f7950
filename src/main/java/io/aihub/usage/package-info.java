/**
 * Usage records: one per gateway request that reached an upstream, with its exact cost.
 * {@link io.aihub.usage.UsageService} writes them (idempotently, by request id), publishes
 * {@link io.aihub.usage.UsageRecorded}, and answers the aggregate questions other modules ask.
 * Rollups per hour and day and dimension are kept in the same transaction; {@link io.aihub.usage.UsageAnalytics}
 * reads them for the usage API, trends and insights, and {@link io.aihub.usage.UsageMetrics} feeds Prometheus.
 */
package io.aihub.usage;
