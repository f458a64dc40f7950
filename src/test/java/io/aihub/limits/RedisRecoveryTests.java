package io.aihub.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.RequiresRedis;
import io.aihub.support.TcpProxy;
import io.aihub.support.TestRedis;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis going away and coming back, through a proxy the test stops and starts: the policy decides
 * while it is gone, and the counters work again on their own once it is back — both when Redis was
 * down at start-up and when a live connection was cut.
 */
@ExtendWith(RequiresRedis.class)
class RedisRecoveryTests {

    @Test
    void countersRecoverByThemselvesWhenRedisReturns() throws Exception {
        RedisURI target = RedisURI.create(TestRedis.url());
        String prefix = "aihub:test-" + UUID.randomUUID() + ":";
        Clock clock = Clock.systemUTC();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StoreFailures failures = new StoreFailures(OnStoreFailure.FAIL_CLOSED, registry, clock);
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort());
                RedisConnector connector = new RedisConnector("redis://127.0.0.1:" + proxy.port(),
                        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO)) {
            RateLimiter limiter = new RedisRateLimiter(connector, new RedisKeys(prefix), clock, failures);

            // down at start-up
            assertThat(limiter.tryAcquire("key-a", 1000, null, 0)).isEqualTo(
                    new LimitDecision.Denied(Limit.STORE_UNAVAILABLE, StoreFailures.RETRY_AFTER));
            proxy.start();
            assertThat(limiter.tryAcquire("key-a", 1000, null, 0).allowed()).isTrue();

            // cut while connected
            proxy.stop();
            assertThat(limiter.tryAcquire("key-a", 1000, null, 0)).isInstanceOf(LimitDecision.Denied.class);
            proxy.start();
            // Lettuce reconnects in the background with a short exponential backoff: allow it a few seconds.
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            boolean recovered = false;
            while (!recovered && System.nanoTime() < deadline) {
                recovered = limiter.tryAcquire("key-a", 1000, null, 0).allowed();
                if (!recovered) {
                    Thread.sleep(50);
                }
            }
            assertThat(recovered).as("counters work again after Redis returned").isTrue();
            assertThat(registry.get(StoreFailures.METRIC).tag("outcome", "denied").counter().count()).isGreaterThanOrEqualTo(2);
        } finally {
            TestRedis.deleteKeys(prefix);
        }
    }
}
