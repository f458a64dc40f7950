package io.aihub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.limits.OnStoreFailure;
import io.aihub.limits.RedisConnector;
import io.aihub.limits.StoreFailures;
import io.aihub.support.RequiresRedis;
import io.aihub.support.TcpProxy;
import io.aihub.support.TestRedis;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two "instances" (two connections, two listeners) on one Redis: changes reach the other, lost ones are caught. */
@ExtendWith(RequiresRedis.class)
class RedisCacheInvalidationTests {

    final String prefix = "aihub:test-cache-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    final StoreFailures failures = new StoreFailures(OnStoreFailure.FAIL_CLOSED, new SimpleMeterRegistry(),
            Clock.systemUTC());
    final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        TestRedis.deleteKeys(prefix);
    }

    RedisCacheInvalidation instance(String url, Duration versionCheck) {
        RedisConnector connector = new RedisConnector(url, Duration.ofSeconds(2), Duration.ofSeconds(1));
        open.add(connector);
        RedisCacheInvalidation invalidation = new RedisCacheInvalidation(connector, prefix, versionCheck, failures);
        open.add(invalidation);
        return invalidation;
    }

    static void eventually(Duration deadline, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - until).as("condition not met within " + deadline).isNegative();
            Thread.sleep(10);
        }
    }

    @Test
    void aChangePublishedOnOneInstanceIsAppliedOnTheOtherAndOnItselfOnce() throws Exception {
        RedisCacheInvalidation a = instance(TestRedis.url(), Duration.ofMinutes(1));
        RedisCacheInvalidation b = instance(TestRedis.url(), Duration.ofMinutes(1));
        List<String> onA = new CopyOnWriteArrayList<>();
        List<String> onB = new CopyOnWriteArrayList<>();
        a.listen(CacheInvalidation.KEYS, onA::add, () -> onA.add("*"));
        b.listen(CacheInvalidation.KEYS, onB::add, () -> onB.add("*"));

        a.publish(CacheInvalidation.KEYS, "key-1");

        assertThat(onA).containsExactly("key-1"); // applied here synchronously
        eventually(Duration.ofSeconds(1), () -> onB.contains("key-1"));
        Thread.sleep(100);
        assertThat(onA).containsExactly("key-1"); // its own message is not applied twice
        assertThat(onB).containsExactly("key-1");
    }

    @Test
    void aLostMessageIsCaughtByTheVersionCheckAndTheTopicDroppedWhole() throws Exception {
        RedisCacheInvalidation b = instance(TestRedis.url(), Duration.ofMillis(100));
        AtomicInteger dropped = new AtomicInteger();
        b.listen(CacheInvalidation.BUDGETS, id -> { }, dropped::incrementAndGet);
        Thread.sleep(300); // b has looked at the versions once
        // Another instance changed a budget, but its message never arrived: only the version moved.
        RedisConnector other = new RedisConnector(TestRedis.url(), Duration.ofSeconds(2), Duration.ofSeconds(1));
        open.add(other);
        other.commands().incr(prefix + "cache:version:" + CacheInvalidation.BUDGETS);

        eventually(Duration.ofSeconds(3), () -> dropped.get() == 1);
    }

    @Test
    void aChangeMadeWhileRedisIsDownIsSentWhenItReturns() throws Exception {
        RedisURI target = RedisURI.create(TestRedis.url());
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort())) {
            proxy.start();
            RedisCacheInvalidation a = instance("redis://127.0.0.1:" + proxy.port(), Duration.ofMillis(200));
            RedisCacheInvalidation b = instance(TestRedis.url(), Duration.ofMinutes(1));
            List<String> onA = new CopyOnWriteArrayList<>();
            List<String> onB = new CopyOnWriteArrayList<>();
            a.listen(CacheInvalidation.MODELS, onA::add, () -> { });
            b.listen(CacheInvalidation.MODELS, onB::add, () -> { });

            proxy.stop();
            a.publish(CacheInvalidation.MODELS, "gpt-4o");
            assertThat(onA).containsExactly("gpt-4o"); // this instance is never stale
            proxy.start();

            eventually(Duration.ofSeconds(5), () -> onB.contains("gpt-4o"));
        }
    }
}
