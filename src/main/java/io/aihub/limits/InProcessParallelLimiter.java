package io.aihub.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Single-instance in-flight caps: per subject, the live leases and when each expires (the same
 * model as the Redis sorted set). A subject is evicted only after being untouched for longer than
 * a lease lives, so eviction never forgets a live lease.
 */
final class InProcessParallelLimiter implements ParallelLimiter {

    private final Clock clock;
    private final Duration leaseTtl;
    private final Cache<String, Map<String, Long>> leases;

    InProcessParallelLimiter(Clock clock, Duration leaseTtl, long maxSubjects) {
        this.clock = clock;
        this.leaseTtl = leaseTtl;
        this.leases = Caffeine.newBuilder().maximumSize(maxSubjects)
                .expireAfterAccess(leaseTtl.plusMinutes(1)).build();
    }

    @Override
    public LimitDecision acquire(String subject, Integer max, String leaseId) {
        Checks.parallel(max, leaseId);
        long now = clock.millis();
        if (max == null) {
            return LimitDecision.unlimited(clock.instant());
        }
        Map<String, Long> held = leases.get(subject, s -> new HashMap<>());
        synchronized (held) {
            held.values().removeIf(expiry -> expiry <= now);
            if (!held.containsKey(leaseId) && held.size() >= max) {
                return new LimitDecision.Denied(Limit.PARALLEL_REQUESTS, ParallelRule.RETRY_AFTER);
            }
            held.put(leaseId, now + leaseTtl.toMillis());
            return new LimitDecision.Allowed((long) max - held.size(), null, Instant.ofEpochMilli(now));
        }
    }

    @Override
    public boolean renew(String subject, String leaseId) {
        Map<String, Long> held = leases.getIfPresent(subject);
        if (held == null) {
            return false;
        }
        long now = clock.millis();
        synchronized (held) {
            Long expiry = held.get(leaseId);
            if (expiry == null || expiry <= now) {
                held.remove(leaseId);
                return false;
            }
            held.put(leaseId, now + leaseTtl.toMillis());
            return true;
        }
    }

    @Override
    public void release(String subject, String leaseId) {
        Map<String, Long> held = leases.getIfPresent(subject);
        if (held != null) {
            synchronized (held) {
                held.remove(leaseId);
            }
        }
    }
}
