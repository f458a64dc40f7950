package io.aihub.limits;

import io.aihub.support.RequiresRedis;
import io.aihub.support.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
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

    @Override
    RateLimiter rateLimiter(Clock clock) {
        return new RedisRateLimiter(connector, new RedisKeys(PREFIX), clock, failures);
    }

    @Override
    QuotaCounter quotaCounter(Clock clock, QuotaSeedSource seeds) {
        return new RedisQuotaCounter(connector, new RedisKeys(PREFIX), clock, seeds, failures);
    }

    @Override
    ParallelLimiter parallelLimiter(Clock clock, Duration leaseTtl) {
        return new RedisParallelLimiter(connector, new RedisKeys(PREFIX), clock, leaseTtl, failures);
    }
}
