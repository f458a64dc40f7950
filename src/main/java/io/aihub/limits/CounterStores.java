package io.aihub.limits;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * The three counters of one store, built outside Spring — for benchmarks and for other modules' plain
 * tests that want real counters without booting the application. The application itself gets its
 * counters as beans ({@code LimitsConfiguration}), configured by {@code aihub.limits.*} and
 * {@code aihub.redis.*}.
 */
public final class CounterStores implements AutoCloseable {

    static final Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(10);
    static final long DEFAULT_MAX_SUBJECTS = 100_000;

    private final RateLimiter rateLimiter;
    private final QuotaCounter quotaCounter;
    private final ParallelLimiter parallelLimiter;
    private final RedisConnector connector;

    private CounterStores(RateLimiter rateLimiter, QuotaCounter quotaCounter, ParallelLimiter parallelLimiter,
            RedisConnector connector) {
        this.rateLimiter = rateLimiter;
        this.quotaCounter = quotaCounter;
        this.parallelLimiter = parallelLimiter;
        this.connector = connector;
    }

    /** In-process counters with the default bounds (fail-closed if a quota seed cannot be read). */
    public static CounterStores inProcess(Clock clock, QuotaSeedSource seeds, MeterRegistry registry) {
        StoreFailures failures = new StoreFailures(OnStoreFailure.FAIL_CLOSED, registry, clock);
        return new CounterStores(new InProcessRateLimiter(clock, DEFAULT_MAX_SUBJECTS),
                new InProcessQuotaCounter(clock, seeds, failures, DEFAULT_MAX_SUBJECTS, Duration.ofHours(1)),
                new InProcessParallelLimiter(clock, DEFAULT_LEASE_TTL, DEFAULT_MAX_SUBJECTS), null);
    }

    /** Redis counters on one connection; {@code keyPrefix} must start with {@code aihub:}. Close when done. */
    public static CounterStores redis(String url, String keyPrefix, Duration commandTimeout, Clock clock,
            QuotaSeedSource seeds, OnStoreFailure policy, MeterRegistry registry) {
        if (!keyPrefix.startsWith("aihub:")) {
            throw new IllegalArgumentException("keyPrefix must start with 'aihub:'");
        }
        RedisConnector connector = new RedisConnector(url, commandTimeout, commandTimeout.multipliedBy(5));
        RedisKeys keys = new RedisKeys(keyPrefix);
        StoreFailures failures = new StoreFailures(policy, registry, clock);
        return new CounterStores(new RedisRateLimiter(connector, keys, clock, failures),
                new RedisQuotaCounter(connector, keys, clock, seeds, failures),
                new RedisParallelLimiter(connector, keys, clock, DEFAULT_LEASE_TTL, failures), connector);
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public QuotaCounter quotaCounter() {
        return quotaCounter;
    }

    public ParallelLimiter parallelLimiter() {
        return parallelLimiter;
    }

    @Override
    public void close() {
        if (connector != null) {
            connector.close();
        }
    }
}
