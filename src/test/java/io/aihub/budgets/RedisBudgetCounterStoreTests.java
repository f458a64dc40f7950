package io.aihub.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.budgets.BudgetCounterStore.Charge;
import io.aihub.budgets.BudgetCounterStore.Counter;
import io.aihub.budgets.BudgetCounterStore.CounterKey;
import io.aihub.limits.OnStoreFailure;
import io.aihub.limits.RedisConnector;
import io.aihub.limits.StoreFailures;
import io.aihub.support.RequiresRedis;
import io.aihub.support.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The counter store contract on Redis, plus what only a shared store has: start empty, reconcile. */
@ExtendWith(RequiresRedis.class)
class RedisBudgetCounterStoreTests extends BudgetCounterStoreContract {

    final String prefix = "aihub:test-bud-" + run + ":";
    final Clock clock = Clock.systemUTC();
    final RedisConnector connector = new RedisConnector(TestRedis.url(), Duration.ofSeconds(5), Duration.ofSeconds(2));
    final StoreFailures failures = new StoreFailures(OnStoreFailure.FAIL_CLOSED, new SimpleMeterRegistry(), clock);
    final RedisBudgetCounterStore store = new RedisBudgetCounterStore(connector, prefix, failures, clock);

    @Override
    BudgetCounterStore store() {
        return store;
    }

    @AfterEach
    void cleanUp() {
        TestRedis.deleteKeys(prefix);
        connector.close();
    }

    @Test
    void redisStartingEmptyRebuildsCountersFromTheLedgerWithoutCountingTwice() {
        store.reserve(List.of(new Charge(team, d("100"))), d("3"), loader, () -> true);
        TestRedis.deleteKeys(prefix); // Redis restarted empty; the ledger (here: the loader) has the truth
        Counter truth = new Counter(d("8"), d("4"));
        BudgetCounterStore.Loader ledger = key -> truth;
        // Two instances "seeding" the same counter: the second finds it set and leaves it alone.
        assertThat(store.read(team, ledger)).satisfies(c -> {
            assertThat(c.spent()).isEqualByComparingTo("8");
            assertThat(c.reserved()).isEqualByComparingTo("4");
        });
        RedisBudgetCounterStore other = new RedisBudgetCounterStore(connector, prefix, failures, clock);
        assertThat(other.read(team, key -> new Counter(d("1000"), d("1000"))).spent()).isEqualByComparingTo("8");
    }

    @Test
    void reconciliationCorrectsAQuietCounterToTheLedgerAndReportsDrift() {
        store.reserve(List.of(new Charge(org, d("100"))), d("5"), loader, () -> true); // counter: held 5
        Counter ledger = new Counter(d("2"), BigDecimal.ZERO); // the ledger says: settled at 2 (a dropped settle)
        BudgetCounterReconciler.Drift ignoredWhileBusy = new BudgetCounterReconciler(store, key -> ledger,
                Duration.ofHours(1), failures, clock, new SimpleMeterRegistry()).reconcile();
        assertThat(ignoredWhileBusy.corrected()).isZero();
        assertThat(ignoredWhileBusy.reserved()).isEqualByComparingTo("5");
        assertThat(store.read(org, loader).reserved()).isEqualByComparingTo("5");

        var drift = new BudgetCounterReconciler(store, key -> key.equals(org) ? ledger : Counter.EMPTY, Duration.ZERO,
                failures, clock, new SimpleMeterRegistry()).reconcile();
        assertThat(drift.spent()).isEqualByComparingTo("-2");
        assertThat(drift.reserved()).isEqualByComparingTo("5");
        assertThat(drift.corrected()).isEqualTo(1);
        Counter after = store.read(org, loader);
        assertThat(after.spent()).isEqualByComparingTo("2");
        assertThat(after.reserved()).isZero();
    }

    @Test
    void aCorrectionNeverOverwritesAChangeMadeAfterTheCounterWasRead() {
        store.reserve(List.of(new Charge(org, d("100"))), d("5"), loader, () -> true);
        RedisBudgetCounterStore.Snapshot seen = store.snapshot(100).stream().filter(s -> s.key().equals(org)).findFirst()
                .orElseThrow();
        store.reserve(List.of(new Charge(org, d("100"))), d("1"), loader, () -> true); // a request meanwhile
        assertThat(store.correct(seen, Counter.EMPTY)).isFalse();
        assertThat(store.read(org, loader).reserved()).isEqualByComparingTo("6");
    }

    @Test
    void keysCarryTheBudgetAndPeriodAndRoundTrip() {
        CounterKey key = new CounterKey("bud-01abc", PERIOD);
        assertThat(store.redisKey(key)).isEqualTo(prefix + "budget:{budgets}:bud-01abc:" + PERIOD.getEpochSecond());
        assertThat(store.counterKey(store.redisKey(key))).isEqualTo(key);
    }
}
