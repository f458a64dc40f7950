package io.aihub.limits;

import java.time.Duration;
import java.time.Instant;

/**
 * The answer of every counter check: a value, never an exception, so the gateway's pipeline maps
 * refusals to HTTP in one place.
 */
public sealed interface LimitDecision {

    boolean allowed();

    /**
     * The request was counted. Remaining values are what is left after this request, {@code null}
     * when that limit is not configured (or unknown because the store failed open). {@code at} is
     * the instant the request was charged: pass it back to {@link RateLimiter#adjustTokens}.
     */
    record Allowed(Long remainingRequests, Long remainingTokens, Instant at) implements LimitDecision {
        @Override
        public boolean allowed() {
            return true;
        }
    }

    /**
     * The request was not counted. {@code retryAfter} is when the same request could pass if
     * nothing else happens in between (for quotas: the start of the next period).
     */
    record Denied(Limit limit, Duration retryAfter) implements LimitDecision {
        @Override
        public boolean allowed() {
            return false;
        }
    }

    static Allowed unlimited(Instant at) {
        return new Allowed(null, null, at);
    }
}
