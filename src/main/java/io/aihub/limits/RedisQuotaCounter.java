package io.aihub.limits;

import io.lettuce.core.RedisException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Cluster quota counters: {@code quota_consume.lua} checks and counts in one step. When the counter is
 * missing (first use in the period, or Redis restarted empty) the script says so without counting; the
 * totals are then read from the database and written with {@code quota_seed.lua} only if the key is
 * still absent (set, not added to — a concurrent seeder on another instance cannot double count), and
 * the check runs again.
 */
final class RedisQuotaCounter implements QuotaCounter {

    private static final LuaScript CONSUME = LuaScript.load("quota_consume.lua");
    private static final LuaScript SEED = LuaScript.load("quota_seed.lua");
    private static final LuaScript ADD = LuaScript.load("quota_add.lua");
    /** Late settlements of the previous period still find their counter for a day. */
    static final Duration GRACE = Duration.ofDays(1);

    private final RedisConnector redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final QuotaSeedSource seeds;
    private final StoreFailures failures;

    RedisQuotaCounter(RedisConnector redis, RedisKeys keys, Clock clock, QuotaSeedSource seeds, StoreFailures failures) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.seeds = seeds;
        this.failures = failures;
    }

    @Override
    public LimitDecision tryConsume(String subject, QuotaPeriod period, Long requestQuota, Long tokenQuota, long tokens) {
        Checks.quota(requestQuota, tokenQuota, tokens);
        if (requestQuota == null && tokenQuota == null) {
            return LimitDecision.unlimited(clock.instant());
        }
        String key = keys.quota(subject, period);
        try {
            List<Long> result = consume(key, requestQuota, tokenQuota, tokens);
            if (result.get(0) == -1) {
                QuotaSeedSource.QuotaTotals seed = seeds.load(subject, period);
                seedKey(key, period, seed.requests(), seed.tokens());
                result = consume(key, requestQuota, tokenQuota, tokens);
            }
            if (result.get(0) == 1) {
                return new LimitDecision.Allowed(RedisRateLimiter.nullIfUnlimited(result.get(1)),
                        RedisRateLimiter.nullIfUnlimited(result.get(2)), clock.instant());
            }
            if (result.get(0) == 0) {
                return QuotaRule.denied(result.get(1) == 1 ? Limit.MONTHLY_REQUESTS : Limit.MONTHLY_TOKENS, period,
                        clock.instant());
            }
            // Seeded and expired in between (the period ended this very moment): nothing was counted.
            throw new RedisException("quota counter " + period.key() + " vanished while seeding");
        } catch (RuntimeException e) {
            // Redis errors and a failed database read for the seed both mean: no trustworthy count.
            return failures.decide("quota", e);
        }
    }

    @Override
    public void add(String subject, QuotaPeriod period, long requestsDelta, long tokensDelta) {
        if (requestsDelta == 0 && tokensDelta == 0) {
            return;
        }
        try {
            ADD.number(redis.commands(), keys.quota(subject, period), requestsDelta, tokensDelta);
        } catch (RedisException e) {
            failures.dropped("quota settlement", e);
        }
    }

    @Override
    public boolean seed(String subject, QuotaPeriod period, long requests, long tokens) {
        return seedKey(keys.quota(subject, period), period, requests, tokens);
    }

    private boolean seedKey(String key, QuotaPeriod period, long requests, long tokens) {
        // A relative TTL from the injected clock, like every "now" this module sends (see RedisRateLimiter).
        long ttl = Math.max(1, period.end().plus(GRACE).toEpochMilli() - clock.millis());
        return SEED.number(redis.commands(), key, requests, tokens, ttl) == 1;
    }

    private List<Long> consume(String key, Long requestQuota, Long tokenQuota, long tokens) {
        return CONSUME.list(redis.commands(), key, RedisRateLimiter.orUnlimited(requestQuota),
                RedisRateLimiter.orUnlimited(tokenQuota), tokens);
    }
}
