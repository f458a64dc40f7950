package io.aihub.limits;

import io.lettuce.core.RedisException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Cluster in-flight caps: a sorted set of lease ids scored by expiry ({@code parallel_acquire.lua}).
 * Expired leases are dropped inside the script before counting, so a lease leaked by a killed
 * instance blocks its slot for at most the lease TTL; the key itself expires one TTL after the last
 * acquire. "Now" comes from the injected clock, as for {@link RedisRateLimiter}.
 */
final class RedisParallelLimiter implements ParallelLimiter {

    private static final LuaScript ACQUIRE = LuaScript.load("parallel_acquire.lua");
    private static final LuaScript RENEW = LuaScript.load("parallel_renew.lua");

    private final RedisConnector redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final Duration leaseTtl;
    private final StoreFailures failures;

    RedisParallelLimiter(RedisConnector redis, RedisKeys keys, Clock clock, Duration leaseTtl, StoreFailures failures) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.leaseTtl = leaseTtl;
        this.failures = failures;
    }

    @Override
    public LimitDecision acquire(String subject, Integer max, String leaseId) {
        Checks.parallel(max, leaseId);
        if (max == null) {
            return LimitDecision.unlimited(clock.instant());
        }
        long now = clock.millis();
        List<Long> result;
        try {
            result = ACQUIRE.list(redis.commands(), keys.parallel(subject), now, max, leaseId, leaseTtl.toMillis());
        } catch (RedisException e) {
            return failures.decide("parallel limit", e);
        }
        if (result.get(0) == 1) {
            return new LimitDecision.Allowed(result.get(1), null, Instant.ofEpochMilli(now));
        }
        return new LimitDecision.Denied(Limit.PARALLEL_REQUESTS, ParallelRule.RETRY_AFTER);
    }

    @Override
    public boolean renew(String subject, String leaseId) {
        try {
            return RENEW.number(redis.commands(), keys.parallel(subject), clock.millis(), leaseId, leaseTtl.toMillis()) == 1;
        } catch (RedisException e) {
            failures.dropped("parallel lease renewal", e);
            return false;
        }
    }

    @Override
    public void release(String subject, String leaseId) {
        try {
            redis.commands().zrem(keys.parallel(subject), leaseId);
        } catch (RedisException e) {
            failures.dropped("parallel lease release", e);
        }
    }
}
