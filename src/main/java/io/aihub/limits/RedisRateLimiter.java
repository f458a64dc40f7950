package io.aihub.limits;

import io.lettuce.core.RedisException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Cluster rate limiter: one EVALSHA of {@code rate_limit.lua} per check, which reads, checks and counts
 * atomically, so all instances share one window per subject.
 *
 * <p>Time: the script gets "now" from this instance's injected {@link Clock}, not from Redis {@code TIME}.
 * That keeps tests able to move time and makes both implementations one contract; the price is that
 * instances must be NTP-synced — a skew of a few milliseconds only moves the window edge by as much.
 */
final class RedisRateLimiter implements RateLimiter {

    private static final LuaScript CHECK = LuaScript.load("rate_limit.lua");
    private static final LuaScript ADJUST = LuaScript.load("rate_adjust.lua");

    private final RedisConnector redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final StoreFailures failures;

    RedisRateLimiter(RedisConnector redis, RedisKeys keys, Clock clock, StoreFailures failures) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.failures = failures;
    }

    @Override
    public LimitDecision tryAcquire(String subject, Integer requestsPerMinute, Integer tokensPerMinute, long tokens) {
        Checks.rate(requestsPerMinute, tokensPerMinute, tokens);
        long now = clock.millis();
        if (requestsPerMinute == null && tokensPerMinute == null) {
            return LimitDecision.unlimited(Instant.ofEpochMilli(now));
        }
        List<Long> result;
        try {
            result = CHECK.list(redis.commands(), keys.rate(subject), now, orUnlimited(requestsPerMinute),
                    orUnlimited(tokensPerMinute), tokens);
        } catch (RedisException e) {
            return failures.decide("rate limit", e);
        }
        if (result.get(0) == 1) {
            return new LimitDecision.Allowed(nullIfUnlimited(result.get(1)), nullIfUnlimited(result.get(2)),
                    Instant.ofEpochMilli(now));
        }
        Limit limit = result.get(1) == 1 ? Limit.REQUESTS_PER_MINUTE : Limit.TOKENS_PER_MINUTE;
        return new LimitDecision.Denied(limit, Duration.ofMillis(result.get(2)));
    }

    @Override
    public void adjustTokens(String subject, Instant chargedAt, long delta) {
        if (delta == 0) {
            return;
        }
        try {
            ADJUST.number(redis.commands(), keys.rate(subject), clock.millis(), chargedAt.toEpochMilli(), delta);
        } catch (RedisException e) {
            failures.dropped("rate limit token adjustment", e);
        }
    }

    static long orUnlimited(Number limit) {
        return limit == null ? -1 : limit.longValue();
    }

    static Long nullIfUnlimited(long remaining) {
        return remaining < 0 ? null : remaining;
    }
}
