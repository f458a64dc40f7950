package io.aihub.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The usage API's answer: totals over the whole range, trends, and one page of buckets. */
public record UsageReport(String object, String organizationId, Instant from, Instant to, String bucket,
        List<String> groupBy, String timezone, Totals totals, UsageTrends trends, List<BucketView> buckets,
        boolean hasMore, String nextCursor, int limit) {

    public record Totals(long requests, long promptTokens, long cachedTokens, long completionTokens, BigDecimal cost,
            long errors, Latency latency) {

        static Totals of(UsageFigures f) {
            LatencyHistogram l = f.latency();
            return new Totals(f.requests(), f.promptTokens(), f.cachedTokens(), f.completionTokens(), f.cost(), f.errors(),
                    new Latency(l.count(), l.meanMs(), l.count() == 0 ? null : l.maxMs(), l.quantileMs(0.5),
                            l.quantileMs(0.95), l.quantileMs(0.99)));
        }
    }

    /** Percentiles are bucket upper bounds (100, 250, 500, 1000, 2500, 5000, 10000 ms), capped by the max. */
    public record Latency(long count, Long meanMs, Integer maxMs, Integer p50Ms, Integer p95Ms, Integer p99Ms) {
    }

    public record BucketView(Instant start, Instant end, List<Group> groups) {
    }

    /** {@code key} maps each group_by dimension to its value (null: records without one). */
    public record Group(Map<String, String> key, long requests, long promptTokens, long cachedTokens,
            long completionTokens, BigDecimal cost, long errors) {
    }
}
