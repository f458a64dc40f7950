package io.aihub.usage;

import java.util.Arrays;

/**
 * Upstream latency of a set of records as counts per fixed bucket (upper bounds in {@link #BOUNDS_MS},
 * the last bucket open-ended) plus count, sum and max. Percentiles are read as the upper bound of the
 * bucket holding them: coarse, but additive, so hours add up to days exactly.
 */
public record LatencyHistogram(long count, long sumMs, int maxMs, long[] buckets) {

    public static final int[] BOUNDS_MS = {100, 250, 500, 1000, 2500, 5000, 10000};

    public static LatencyHistogram empty() {
        return new LatencyHistogram(0, 0, 0, new long[BOUNDS_MS.length + 1]);
    }

    static int bucketOf(int latencyMs) {
        for (int i = 0; i < BOUNDS_MS.length; i++) {
            if (latencyMs <= BOUNDS_MS[i]) {
                return i;
            }
        }
        return BOUNDS_MS.length;
    }

    public LatencyHistogram plus(LatencyHistogram other) {
        long[] sum = Arrays.copyOf(buckets, buckets.length);
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.buckets[i];
        }
        return new LatencyHistogram(count + other.count, sumMs + other.sumMs, Math.max(maxMs, other.maxMs), sum);
    }

    /** Mean latency in ms, or null without samples. */
    public Long meanMs() {
        return count == 0 ? null : Math.round((double) sumMs / count);
    }

    /**
     * Upper bound (ms) of the bucket holding the {@code q} quantile, capped by the observed max;
     * null without samples.
     */
    public Integer quantileMs(double q) {
        if (count == 0) {
            return null;
        }
        long rank = (long) Math.ceil(q * count);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank && buckets[i] > 0) {
                return i < BOUNDS_MS.length ? Math.min(BOUNDS_MS[i], maxMs) : maxMs;
            }
        }
        return maxMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyHistogram h && count == h.count && sumMs == h.sumMs && maxMs == h.maxMs
                && Arrays.equals(buckets, h.buckets);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 + Arrays.hashCode(buckets);
    }

    @Override
    public String toString() {
        return "LatencyHistogram[count=" + count + ", sumMs=" + sumMs + ", maxMs=" + maxMs + ", buckets="
                + Arrays.toString(buckets) + "]";
    }
}
