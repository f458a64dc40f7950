package io.aihub.usage;

import java.math.BigDecimal;

/** The additive measures of a set of usage records (a rollup row, a bucket, a total). */
public record UsageFigures(long requests, long promptTokens, long cachedTokens, long completionTokens, BigDecimal cost,
        long errors, LatencyHistogram latency) {

    public static UsageFigures zero() {
        return new UsageFigures(0, 0, 0, 0, BigDecimal.ZERO, 0, LatencyHistogram.empty());
    }

    static UsageFigures of(UsageRecord r) {
        LatencyHistogram latency = LatencyHistogram.empty();
        if (r.latencyMs() != null) {
            long[] buckets = new long[LatencyHistogram.BOUNDS_MS.length + 1];
            buckets[LatencyHistogram.bucketOf(r.latencyMs())] = 1;
            latency = new LatencyHistogram(1, r.latencyMs(), r.latencyMs(), buckets);
        }
        return new UsageFigures(1, r.promptTokens(), r.cachedTokens(), r.completionTokens(), r.cost(),
                "error".equals(r.outcome()) ? 1 : 0, latency);
    }

    public UsageFigures plus(UsageFigures o) {
        return new UsageFigures(requests + o.requests, promptTokens + o.promptTokens, cachedTokens + o.cachedTokens,
                completionTokens + o.completionTokens, cost.add(o.cost), errors + o.errors, latency.plus(o.latency));
    }

    /** The figures to add to take these back out; only for figures without latencies (a histogram cannot be undone). */
    UsageFigures negated() {
        if (latency.count() != 0) {
            throw new IllegalStateException("figures with latencies cannot be taken back");
        }
        return new UsageFigures(-requests, -promptTokens, -cachedTokens, -completionTokens, cost.negate(), -errors, latency);
    }

    /** Same figures, ignoring the scale of the cost (10.50 equals 10.5). */
    public boolean sameAs(UsageFigures o) {
        return requests == o.requests && promptTokens == o.promptTokens && cachedTokens == o.cachedTokens
                && completionTokens == o.completionTokens && cost.compareTo(o.cost) == 0 && errors == o.errors
                && latency.equals(o.latency);
    }
}
