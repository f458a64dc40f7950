package io.aihub.limits;

import java.time.Duration;
import java.time.Instant;

/**
 * One subject's last 60 seconds in one-second buckets (a ring of 60 slots, so memory is fixed no matter
 * the rate). A bucket for second {@code s} counts while the current second is in {@code [s, s + 59]}.
 * The Redis script ({@code rate_limit.lua}) implements exactly the same arithmetic on a hash.
 * Not thread-safe: callers synchronize on the instance.
 */
final class SlidingWindow {

    static final int SECONDS = 60;

    private final long[] second = new long[SECONDS];
    private final long[] requests = new long[SECONDS];
    private final long[] tokens = new long[SECONDS];

    SlidingWindow() {
        java.util.Arrays.fill(second, Long.MIN_VALUE);
    }

    LimitDecision tryAcquire(long nowMillis, Integer requestsPerMinute, Integer tokensPerMinute, long cost) {
        long now = Math.floorDiv(nowMillis, 1000);
        long usedRequests = 0;
        long usedTokens = 0;
        for (long s = now - SECONDS + 1; s <= now; s++) {
            int i = slot(s);
            if (second[i] == s) {
                usedRequests += requests[i];
                usedTokens += tokens[i];
            }
        }
        boolean requestsDenied = requestsPerMinute != null && usedRequests + 1 > requestsPerMinute;
        boolean tokensDenied = tokensPerMinute != null && usedTokens + cost > tokensPerMinute;
        if (requestsDenied || tokensDenied) {
            long retryMillis = 0;
            if (requestsDenied) {
                retryMillis = retryAfter(now, nowMillis, usedRequests, 1, requestsPerMinute, requests);
            }
            if (tokensDenied) {
                retryMillis = Math.max(retryMillis, retryAfter(now, nowMillis, usedTokens, cost, tokensPerMinute, tokens));
            }
            return new LimitDecision.Denied(requestsDenied ? Limit.REQUESTS_PER_MINUTE : Limit.TOKENS_PER_MINUTE,
                    Duration.ofMillis(retryMillis));
        }
        int i = slot(now);
        if (second[i] != now) {
            second[i] = now;
            requests[i] = 0;
            tokens[i] = 0;
        }
        requests[i]++;
        tokens[i] += cost;
        return new LimitDecision.Allowed(
                requestsPerMinute == null ? null : requestsPerMinute - usedRequests - 1,
                tokensPerMinute == null ? null : tokensPerMinute - usedTokens - cost,
                Instant.ofEpochMilli(nowMillis));
    }

    void adjustTokens(long nowMillis, long chargedAtMillis, long delta) {
        long now = Math.floorDiv(nowMillis, 1000);
        long charged = Math.floorDiv(chargedAtMillis, 1000);
        if (charged <= now - SECONDS || charged > now) {
            return; // slid out already (or from the future): it no longer counts
        }
        int i = slot(charged);
        if (second[i] == charged) {
            tokens[i] = Math.max(0, tokens[i] + delta);
        }
    }

    /**
     * Milliseconds until enough of the oldest buckets slide out for {@code need} more to fit under
     * {@code limit}; a whole window when {@code need} alone exceeds the limit (it will never fit).
     */
    private long retryAfter(long now, long nowMillis, long used, long need, long limit, long[] values) {
        long released = 0;
        for (long s = now - SECONDS + 1; s <= now; s++) {
            int i = slot(s);
            if (second[i] != s) {
                continue;
            }
            released += values[i];
            if (used - released + need <= limit) {
                return (s + SECONDS) * 1000 - nowMillis;
            }
        }
        return SECONDS * 1000L;
    }

    private static int slot(long second) {
        return (int) Math.floorMod(second, SECONDS);
    }
}
