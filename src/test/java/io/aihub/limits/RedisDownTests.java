package io.aihub.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redis unreachable (a closed port): the configured policy decides, and every failure is counted. */
class RedisDownTests {

    final Clock clock = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
    RedisConnector closedPort;

    @BeforeEach
    void connectToNothing() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        closedPort = new RedisConnector("redis://127.0.0.1:" + port, Duration.ofMillis(200), Duration.ofMillis(200));
    }

    @AfterEach
    void close() {
        closedPort.close();
    }

    @Test
    void failClosedDeniesEveryCheckAsStoreUnavailable() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StoreFailures failures = new StoreFailures(OnStoreFailure.FAIL_CLOSED, registry, clock);
        QuotaPeriod period = QuotaPeriod.monthOf(clock.instant(), ZoneOffset.UTC);

        LimitDecision rate = rateLimiter(failures).tryAcquire("key-a", 10, 1000, 5);
        LimitDecision quota = quotaCounter(failures).tryConsume("key-a", period, 10L, null, 5);
        LimitDecision parallel = parallelLimiter(failures).acquire("key-a", 2, "req-1");

        for (LimitDecision decision : new LimitDecision[] {rate, quota, parallel}) {
            assertThat(decision).isEqualTo(new LimitDecision.Denied(Limit.STORE_UNAVAILABLE, Duration.ofSeconds(1)));
        }
        assertThat(Limit.STORE_UNAVAILABLE.code()).isEqualTo("store_unavailable");
        assertThat(count(registry, "denied")).isEqualTo(3);
        assertThat(count(registry, "allowed")).isZero();
    }

    @Test
    void failOpenAllowsEveryCheckWithoutCounting() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StoreFailures failures = new StoreFailures(OnStoreFailure.FAIL_OPEN, registry, clock);
        QuotaPeriod period = QuotaPeriod.monthOf(clock.instant(), ZoneOffset.UTC);

        LimitDecision rate = rateLimiter(failures).tryAcquire("key-a", 10, 1000, 5);
        LimitDecision quota = quotaCounter(failures).tryConsume("key-a", period, 10L, null, 5);
        LimitDecision parallel = parallelLimiter(failures).acquire("key-a", 2, "req-1");

        for (LimitDecision decision : new LimitDecision[] {rate, quota, parallel}) {
            assertThat(decision).isEqualTo(new LimitDecision.Allowed(null, null, clock.instant()));
        }
        assertThat(count(registry, "allowed")).isEqualTo(3);
        assertThat(count(registry, "denied")).isZero();
    }

    @Test
    void settlementsThatCannotBeAppliedAreCountedAsDropped() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StoreFailures failures = new StoreFailures(OnStoreFailure.FAIL_CLOSED, registry, clock);

        rateLimiter(failures).adjustTokens("key-a", clock.instant(), -100);
        quotaCounter(failures).add("key-a", QuotaPeriod.monthOf(clock.instant(), ZoneOffset.UTC), 0, -100);
        parallelLimiter(failures).release("key-a", "req-1");
        assertThat(parallelLimiter(failures).renew("key-a", "req-1")).isFalse();

        assertThat(count(registry, "dropped")).isEqualTo(4);
    }

    private RedisRateLimiter rateLimiter(StoreFailures failures) {
        return new RedisRateLimiter(closedPort, new RedisKeys("aihub:"), clock, failures);
    }

    private RedisQuotaCounter quotaCounter(StoreFailures failures) {
        return new RedisQuotaCounter(closedPort, new RedisKeys("aihub:"), clock, QuotaSeedSource.NONE, failures);
    }

    private RedisParallelLimiter parallelLimiter(StoreFailures failures) {
        return new RedisParallelLimiter(closedPort, new RedisKeys("aihub:"), clock, Duration.ofMinutes(1), failures);
    }

    private static double count(SimpleMeterRegistry registry, String outcome) {
        return registry.get(StoreFailures.METRIC).tag("outcome", outcome).counter().count();
    }
}
