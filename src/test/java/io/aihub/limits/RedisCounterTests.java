package io.aihub.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.RequiresRedis;
import io.aihub.support.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The counter contract against Redis (the cluster store), under a key prefix of its own that is
 * deleted afterwards. The timeout is generous: 64 racing threads on a shared 2-core machine.
 */
@ExtendWith(RequiresRedis.class)
class RedisCounterTests extends CounterContractTests {

    static final String PREFIX = "aihub:test-" + UUID.randomUUID() + ":";
    static RedisConnector connector;
    /** Per test (JUnit makes one instance per test): reconciliation scans see only this test's counters. */
    final RedisKeys keys = new RedisKeys(PREFIX + UUID.randomUUID() + ":");

    @BeforeAll
    static void connect() {
        connector = new RedisConnector(TestRedis.url(), Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    @AfterAll
    static void cleanUp() {
        if (connector != null) {
            connector.close();
            TestRedis.deleteKeys(PREFIX);
        }
    }

    @Test
    void aRedisThatRestartedEmptyIsRebuiltFromTheDatabaseNotAddedTo() {
        AtomicInteger loads = new AtomicInteger();
        QuotaCounter quotas = quotaCounter(clock, (subject, period) -> {
            loads.incrementAndGet();
            return new QuotaSeedSource.QuotaTotals(4, 0);
        });
        QuotaPeriod period = QuotaPeriod.monthOf(clock.instant(), ZoneOffset.UTC);
        assertThat(quotas.tryConsume("key-a", period, 10L, null, 0).allowed()).isTrue(); // 5 counted
        TestRedis.deleteKeys(keys.prefix()); // Redis lost everything
        LimitDecision.Allowed rebuilt = (LimitDecision.Allowed) quotas.tryConsume("key-a", period, 10L, null, 0);
        assertThat(rebuilt.remainingRequests()).isEqualTo(10 - 4 - 1);
        assertThat(loads).hasValue(2);
    }

    @Override
    RateLimiter rateLimiter(Clock clock) {
        return new RedisRateLimiter(connector, keys, clock, failures);
    }

    @Override
    QuotaCounter quotaCounter(Clock clock, QuotaSeedSource seeds) {
        return new RedisQuotaCounter(connector, keys, clock, seeds, failures);
    }

    @Override
    ParallelLimiter parallelLimiter(Clock clock, Duration leaseTtl) {
        return new RedisParallelLimiter(connector, keys, clock, leaseTtl, failures);
    }
}
