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

    /** Counted down at clean-up: "killed" settlements then see their ledger write declined. */
    final java.util.concurrent.CountDownLatch killed = new java.util.concurrent.CountDownLatch(1);

    @AfterEach
    void cleanUp() {
        killed.countDown();
        TestRedis.deleteKeys(prefix);
        connector.close();
    }

    @Test
    void redisStartingEmptyRebuildsCountersFromTheLedgerWithoutCountingTwice() {
        store.reserve(rid(), EXPIRES, List.of(new Charge(team, d("100"))), d("3"), loader, () -> true);
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
        store.reserve(rid(), EXPIRES, List.of(new Charge(org, d("100"))), d("5"), loader, () -> true); // counter: held 5
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
        store.reserve(rid(), EXPIRES, List.of(new Charge(org, d("100"))), d("5"), loader, () -> true);
        RedisBudgetCounterStore.Snapshot seen = store.snapshot(100).stream().filter(s -> s.key().equals(org)).findFirst()
                .orElseThrow();
        store.reserve(rid(), EXPIRES, List.of(new Charge(org, d("100"))), d("1"), loader, () -> true); // a request meanwhile
        assertThat(store.correct(seen, Counter.EMPTY)).isFalse();
        assertThat(store.read(org, loader).reserved()).isEqualByComparingTo("6");
    }

    // ------------------------------------------------ an instance killed between the counters and the ledger

    @Test
    void aSettlementRepeatedAfterItsLedgerWriteWasCutOffIsAppliedOnce() throws Exception {
        String request = rid();
        List<CounterKey> keys = List.of(org);
        store.reserve(request, EXPIRES, List.of(new Charge(org, d("100"))), d("5"), loader, () -> true);
        // Instance B settles at 3; its counters change, then it dies before the ledger write.
        Thread b = cutOff(store, request, keys, d("5"), d("3"));
        assertThat(store.read(org, loader).spent()).isEqualByComparingTo("3");

        // Instance A's sweeper expires the hold at its full amount; the ledger takes it.
        RedisBudgetCounterStore a = new RedisBudgetCounterStore(connector, prefix, failures, clock);
        assertThat(a.settle(request, keys, d("5"), keys, d("5"), loader, () -> true)).isTrue();
        Counter afterExpiry = store.read(org, loader);
        assertThat(afterExpiry.spent()).as("spent once, at the expiry's amount").isEqualByComparingTo("5");
        assertThat(afterExpiry.reserved()).as("released once").isZero();

        // Had B lived, its ledger write would be refused: its undo must not take back what A applied after it.
        killed.countDown();
        b.join();
        Counter end = store.read(org, loader);
        assertThat(end.spent()).isEqualByComparingTo("5");
        assertThat(end.reserved()).isZero();

        // The same settlement replayed once more (a journal after a restart): nothing moves.
        assertThat(a.settle(request, keys, d("5"), keys, d("5"), loader, () -> false)).isFalse();
        assertThat(store.read(org, loader).spent()).isEqualByComparingTo("5");
        assertThat(store.read(org, loader).reserved()).isZero();
    }

    @Test
    void aReplayedSettlementAtADifferentCostMovesSpendByTheDifferenceOnly() throws Exception {
        String request = rid();
        List<CounterKey> keys = List.of(org);
        store.reserve(request, EXPIRES, List.of(new Charge(org, d("100"))), d("5"), loader, () -> true);
        // B settled at 3 in Redis and died before the ledger: its entry stays (persist never confirmed) ...
        RedisBudgetCounterStore b = new RedisBudgetCounterStore(connector, prefix, failures, clock);
        cutOff(b, request, keys, d("5"), d("3"));
        // ... then the ledger's expiry finishes it at 5.
        assertThat(store.settle(request, keys, d("5"), keys, d("5"), loader, () -> true)).isTrue();
        assertThat(store.read(org, loader).spent()).isEqualByComparingTo("5");
        assertThat(store.read(org, loader).reserved()).isZero();
    }

    @Test
    void aHoldTheLedgerNeverReceivedIsGivenBackAfterItsExpiry() {
        java.time.Instant expired = clock.instant().minusSeconds(1);
        String lost = rid();
        String held = rid();
        String finishedElsewhere = rid();
        for (String request : List.of(lost, held, finishedElsewhere)) {
            store.reserve(request, expired, List.of(new Charge(org, d("100"))), d("2"), loader, () -> true);
        }
        String notYet = rid();
        store.reserve(notYet, EXPIRES, List.of(new Charge(org, d("100"))), d("1"), loader, () -> true);
        assertThat(store.read(org, loader).reserved()).isEqualByComparingTo("7");

        var ledger = java.util.Map.of(held, new BudgetCounterStore.LedgerState("held", null),
                finishedElsewhere, new BudgetCounterStore.LedgerState("settled", d("1.5")));
        BudgetCounterStore.LedgerLookup lookup = ids -> {
            assertThat(ids).doesNotContain(notYet); // not due
            return ledger.entrySet().stream().filter(e -> ids.contains(e.getKey()))
                    .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
        };
        assertThat(store.sweepHolds(lookup)).as("released").isEqualTo(1);
        Counter after = store.read(org, loader);
        // lost: given back; held: left to the ledger's expiry; notYet: held. finishedElsewhere: its entry is dropped
        // and the counters left alone (its settlement's Redis write failed, so that instance marked the counters
        // dirty and rebuilds them from the ledger, which has it).
        assertThat(after.reserved()).isEqualByComparingTo("5");
        assertThat(after.spent()).isZero();
        assertThat(connector.commands().hget(prefix + "budget-holds:{budgets}", finishedElsewhere)).isNull();
        assertThat(connector.commands().hget(prefix + "budget-holds:{budgets}", lost)).isNull();
        assertThat(connector.commands().hget(prefix + "budget-holds:{budgets}", held)).startsWith("h|");
        assertThat(store.sweepHolds(lookup)).as("a second sweep finds nothing new to release").isZero();
        assertThat(store.read(org, loader).reserved()).isEqualByComparingTo("5");
    }

    @Test
    void registryEntriesGoOnceTheLedgerHasTheSettlement() {
        var redis = connector.commands();
        String holds = prefix + "budget-holds:{budgets}";
        List<CounterKey> keys = List.of(org);
        String first = rid();
        store.reserve(first, EXPIRES, List.of(new Charge(org, d("100"))), d("1"), loader, () -> true);
        assertThat(redis.hget(holds, first)).startsWith("h|");
        store.settle(first, keys, d("1"), keys, d("1"), loader, () -> true);
        String second = rid();
        store.reserve(second, EXPIRES, List.of(new Charge(org, d("100"))), d("1"), loader, () -> true);
        store.settle(second, keys, d("1"), keys, d("1"), loader, () -> true);
        assertThat(redis.hget(holds, first)).as("dropped by the next settlement").isNull();
        assertThat(redis.hlen(holds)).isEqualTo(1);
    }

    /**
     * Settles on {@code instance} with a ledger write that never returns while the test runs: the state an
     * instance killed between its counter change and its ledger write leaves. Released (declined) at clean-up.
     */
    private Thread cutOff(RedisBudgetCounterStore instance, String request, List<CounterKey> keys, BigDecimal held,
            BigDecimal actual) throws InterruptedException {
        BigDecimal before = store.read(org, loader).spent();
        Thread settling = Thread.ofVirtual().start(() -> instance.settle(request, keys, held, keys, actual, loader, () -> {
            try {
                killed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }));
        within(() -> store.read(org, loader).spent().compareTo(before) != 0);
        return settling;
    }

    @Test
    void keysCarryTheBudgetAndPeriodAndRoundTrip() {
        CounterKey key = new CounterKey("bud-01abc", PERIOD);
        assertThat(store.redisKey(key)).isEqualTo(prefix + "budget:{budgets}:bud-01abc:" + PERIOD.getEpochSecond());
        assertThat(store.counterKey(store.redisKey(key))).isEqualTo(key);
    }

    private static void within(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - until).as("condition not met within 10 s").isNegative();
            Thread.sleep(5);
        }
    }
}
