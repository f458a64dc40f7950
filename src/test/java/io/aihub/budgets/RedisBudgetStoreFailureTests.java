package io.aihub.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.budgets.BudgetCounterStore.Charge;
import io.aihub.budgets.BudgetCounterStore.Counter;
import io.aihub.budgets.BudgetCounterStore.CounterKey;
import io.aihub.limits.OnStoreFailure;
import io.aihub.limits.RedisConnector;
import io.aihub.limits.StoreFailures;
import io.aihub.support.RequiresRedis;
import io.aihub.support.TcpProxy;
import io.aihub.support.TestRedis;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Redis going away under the budget store: the named policy decides, the ledger never misses a write, and it heals. */
@ExtendWith(RequiresRedis.class)
class RedisBudgetStoreFailureTests {

    static final java.time.Instant EXPIRES = BudgetCounterStoreContract.EXPIRES;

    static String rid() {
        return BudgetCounterStoreContract.rid();
    }

    final String prefix = "aihub:test-budfail-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    final Clock clock = Clock.systemUTC();
    final CounterKey key = new CounterKey("bud-down", Instant.parse("2026-11-01T00:00:00Z"));
    /** Stands in for the ledger: what persist wrote is what a reload reads. */
    final AtomicReference<Counter> ledger = new AtomicReference<>(Counter.EMPTY);
    final BudgetCounterStore.Loader loader = k -> ledger.get();
    TcpProxy proxy;
    RedisConnector connector;

    @BeforeEach
    void proxy() throws Exception {
        RedisURI target = RedisURI.create(TestRedis.url());
        proxy = new TcpProxy(target.getHost(), target.getPort());
        proxy.start();
        connector = new RedisConnector("redis://127.0.0.1:" + proxy.port(), Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @AfterEach
    void close() throws Exception {
        connector.close();
        proxy.close();
        TestRedis.deleteKeys(prefix);
    }

    RedisBudgetCounterStore store(OnStoreFailure policy) {
        return new RedisBudgetCounterStore(connector, prefix, new StoreFailures(policy, new SimpleMeterRegistry(), clock), clock);
    }

    static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    boolean hold(RedisBudgetCounterStore store, String amount) {
        return store.reserve(rid(), EXPIRES, List.of(new Charge(key, d("10"))), d(amount), loader, () -> {
            Counter c = ledger.get();
            ledger.set(new Counter(c.spent(), c.reserved().add(d(amount))));
            return true;
        }).reserved();
    }

    @Test
    void failClosedRefusesReservationsAsUnavailableWhileSettlementsStillReachTheLedger() throws Exception {
        RedisBudgetCounterStore store = store(OnStoreFailure.FAIL_CLOSED);
        assertThat(hold(store, "4")).isTrue();
        proxy.stop();

        assertThat(store.reserve(rid(), EXPIRES, List.of(), d("1"), loader, () -> true).reserved())
                .as("a request with no budget in scope needs no counter").isTrue();
        var refused = store.reserve(rid(), EXPIRES, List.of(new Charge(key, d("10"))), d("1"), loader, () -> true);
        assertThat(refused.deniedIndex()).isEqualTo(RedisBudgetCounterStore.UNAVAILABLE);
        assertThat(refused.reserved()).isFalse();
        boolean settled = store.settle(rid(), List.of(key), d("4"), List.of(key), d("3"), loader, () -> {
            ledger.set(new Counter(d("3"), BigDecimal.ZERO));
            return true;
        });
        assertThat(settled).as("the ledger took the settlement although Redis was down").isTrue();
        assertThat(store.dirty()).isNotEmpty();

        proxy.start();
        Thread.sleep(1_100); // the connector retries at most once a second
        // Recovered by itself: the stale counter (held 4) is rebuilt from the ledger (spent 3), not added to.
        assertThat(hold(store, "7")).isTrue();
        assertThat(store.dirty()).isEmpty();
        Counter now = store.read(key, loader);
        assertThat(now.spent()).isEqualByComparingTo("3");
        assertThat(now.reserved()).isEqualByComparingTo("7");
        assertThat(hold(store, "0.01")).as("3 spent + 7 held: the limit of 10 is reached").isFalse();
    }

    @Test
    void failOpenLetsReservationsThroughAndTheLedgerStillHoldsThem() throws Exception {
        RedisBudgetCounterStore store = store(OnStoreFailure.FAIL_OPEN);
        proxy.stop();
        assertThat(hold(store, "6")).isTrue();
        assertThat(ledger.get().reserved()).isEqualByComparingTo("6");

        proxy.start();
        Thread.sleep(1_100);
        // The counter is built from the ledger, which has the hold taken while Redis was away.
        assertThat(hold(store, "5")).isFalse();
        assertThat(store.read(key, loader).reserved()).isEqualByComparingTo("6");
    }
}
