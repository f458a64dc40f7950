package io.aihub.usage;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Sums over a set of usage records. As a bucket of a history, {@code start} is the bucket's first
 * instant; as a plain total it is the range's start.
 */
public record UsageTotals(Instant start, long requests, long promptTokens, long cachedTokens, long completionTokens,
        BigDecimal cost, long errors) {

    public static UsageTotals empty(Instant start) {
        return new UsageTotals(start, 0, 0, 0, 0, BigDecimal.ZERO, 0);
    }

    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(start, requests + other.requests, promptTokens + other.promptTokens,
                cachedTokens + other.cachedTokens, completionTokens + other.completionTokens, cost.add(other.cost),
                errors + other.errors);
    }
}
