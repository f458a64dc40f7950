package io.aihub.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Single-instance rate limiter: one {@link SlidingWindow} per subject, locked per subject (no global
 * lock). Subjects idle for longer than the window are evicted by Caffeine, which loses nothing; the
 * size bound only evicts active subjects beyond {@code aihub.limits.max-subjects}.
 */
final class InProcessRateLimiter implements RateLimiter {

    private final Clock clock;
    private final Cache<String, SlidingWindow> windows;

    InProcessRateLimiter(Clock clock, long maxSubjects) {
        this.clock = clock;
        // Idle expiry is measured on Caffeine's own ticker; two minutes is safely past the 60-second window.
        this.windows = Caffeine.newBuilder().maximumSize(maxSubjects).expireAfterAccess(Duration.ofMinutes(2)).build();
    }

    @Override
    public LimitDecision tryAcquire(String subject, Integer requestsPerMinute, Integer tokensPerMinute, long tokens) {
        Checks.rate(requestsPerMinute, tokensPerMinute, tokens);
        long now = clock.millis();
        if (requestsPerMinute == null && tokensPerMinute == null) {
            return LimitDecision.unlimited(Instant.ofEpochMilli(now));
        }
        SlidingWindow window = windows.get(subject, s -> new SlidingWindow());
        synchronized (window) {
            return window.tryAcquire(now, requestsPerMinute, tokensPerMinute, tokens);
        }
    }

    @Override
    public void adjustTokens(String subject, Instant chargedAt, long delta) {
        SlidingWindow window = windows.getIfPresent(subject);
        if (window == null || delta == 0) {
            return;
        }
        synchronized (window) {
            window.adjustTokens(clock.millis(), chargedAt.toEpochMilli(), delta);
        }
    }
}
