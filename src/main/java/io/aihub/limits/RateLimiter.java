package io.aihub.limits;

import java.time.Instant;

/**
 * Requests and tokens per minute per subject (an API key id, or any other string), over a sliding
 * window of the last 60 seconds kept in one-second buckets: a request charged at second {@code s}
 * counts until second {@code s + 60}. There is no fixed-window edge where twice the limit passes.
 */
public interface RateLimiter {

    /**
     * Counts one request carrying {@code tokens} estimated tokens if both limits still allow it.
     *
     * @param requestsPerMinute null = unlimited
     * @param tokensPerMinute   null = unlimited
     * @param tokens            the request's estimated tokens (prompt + expected output), {@code >= 0}
     */
    LimitDecision tryAcquire(String subject, Integer requestsPerMinute, Integer tokensPerMinute, long tokens);

    /**
     * Corrects the tokens charged at {@code chargedAt} (from {@link LimitDecision.Allowed#at()}) by
     * {@code delta} once the actual count is known; negative deltas refund. A correction for a second
     * that has already slid out of the window is dropped (it no longer counts anyway), and a bucket
     * never goes below zero.
     */
    void adjustTokens(String subject, Instant chargedAt, long delta);
}
