package io.aihub.budgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.budgets.BudgetCounterStore.Charge;
import io.aihub.budgets.BudgetCounterStore.Counter;
import io.aihub.budgets.BudgetCounterStore.CounterKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BudgetCounterStore} guarantees, run against the in-process and the Redis store alike:
 * all or none, undo when the ledger write fails or declines, lazy loads, exact amounts.
 */
abstract class BudgetCounterStoreContract {

    /** When holds made here would expire: far enough that no sweep touches them during a test. */
    static final Instant EXPIRES = Instant.now().plusSeconds(3600);

    /** A fresh request id: every call here is its own request. */
    static String rid() {
        return "req-" + UUID.randomUUID();
    }

    static final Instant PERIOD = Instant.parse("2026-11-01T00:00:00Z");
    // Ids unique per run: the Redis store is shared with other test runs.
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final CounterKey org = new CounterKey("bud-org-" + run, PERIOD);
    final CounterKey team = new CounterKey("bud-team-" + run, PERIOD);
    final BudgetCounterStore.Loader loader = key -> key.equals(team)
            ? new Counter(new BigDecimal("8"), new BigDecimal("1")) // the team already spent 8 and holds 1
            : Counter.EMPTY;

    abstract BudgetCounterStore store();

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void aRefusalOnOneBudgetHoldsNothingOnTheOthers() {
        var outcome = store().reserve(rid(), EXPIRES, List.of(new Charge(org, d("100")), new Charge(team, d("10"))), d("2"), loader, () -> true);
        assertThat(outcome.deniedIndex()).isEqualTo(1);
        assertThat(outcome.remaining()).isEqualByComparingTo("1");
        assertThat(store().read(org, loader).reserved()).isZero();
        assertThat(store().read(team, loader).reserved()).isEqualByComparingTo("1");
    }

    @Test
    void aReservationHoldsTheAmountOnEveryBudgetInScope() {
        var outcome = store().reserve(rid(), EXPIRES, List.of(new Charge(org, d("100")), new Charge(team, d("10"))), d("0.75"), loader,
                () -> true);
        assertThat(outcome.reserved()).isTrue();
        assertThat(store().read(org, loader).reserved()).isEqualByComparingTo("0.75");
        assertThat(store().read(team, loader).reserved()).isEqualByComparingTo("1.75");
    }

    @Test
    void theLimitItselfMayBeReachedButNotPassed() {
        assertThat(store().reserve(rid(), EXPIRES, List.of(new Charge(team, d("10"))), d("1"), loader, () -> true).reserved()).isTrue();
        var refused = store().reserve(rid(), EXPIRES, List.of(new Charge(team, d("10"))), d("0.0000000001"), loader, () -> true);
        assertThat(refused.reserved()).isFalse();
        assertThat(refused.remaining()).isZero();
    }

    @Test
    void aChargeWithoutALimitNeverRefuses() {
        assertThat(store().reserve(rid(), EXPIRES, List.of(new Charge(team, null)), d("1000"), loader, () -> true).reserved()).isTrue();
        assertThat(store().read(team, loader).reserved()).isEqualByComparingTo("1001");
    }

    @Test
    void aFailedOrDeclinedLedgerWriteUndoesTheChange() {
        List<Charge> charges = List.of(new Charge(org, d("100")));
        assertThatThrownBy(() -> store().reserve(rid(), EXPIRES, charges, d("5"), loader, () -> {
            throw new IllegalStateException("database down");
        })).hasMessage("database down");
        assertThat(store().reserve(rid(), EXPIRES, charges, d("5"), loader, () -> false).deniedIndex()).isEqualTo(-2);
        assertThat(store().read(org, loader).reserved()).isZero();

        store().reserve(rid(), EXPIRES, charges, d("5"), loader, () -> true);
        assertThat(store().settle(rid(), List.of(org), d("5"), List.of(org), d("3"), loader, () -> false)).isFalse();
        assertThat(store().read(org, loader).spent()).isZero();
        assertThat(store().read(org, loader).reserved()).isEqualByComparingTo("5");
        assertThat(store().settle(rid(), List.of(org), d("5"), List.of(org), d("7"), loader, () -> true)).isTrue();
        assertThat(store().read(org, loader).spent()).isEqualByComparingTo("7");
        assertThat(store().read(org, loader).reserved()).isZero();
    }

    @Test
    void aForgottenBudgetIsLoadedAgainFromTheLedger() {
        store().settle(rid(), List.of(), BigDecimal.ZERO, List.of(team), d("2"), loader, () -> true);
        assertThat(store().read(team, loader).spent()).isEqualByComparingTo("10");
        store().forget(team.budgetId());
        assertThat(store().read(team, loader).spent()).isEqualByComparingTo("8");
    }

    @Test
    void aCounterIsLoadedOnceAndThenOnlyChangedNeverLoadedOnTop() {
        AtomicInteger loads = new AtomicInteger();
        BudgetCounterStore.Loader counting = key -> {
            loads.incrementAndGet();
            return loader.load(key);
        };
        store().settle(rid(), List.of(), BigDecimal.ZERO, List.of(team), d("1"), counting, () -> true);
        store().settle(rid(), List.of(), BigDecimal.ZERO, List.of(team), d("1"), counting, () -> true);
        assertThat(store().read(team, counting).spent()).isEqualByComparingTo("10");
        assertThat(loads.get()).isEqualTo(1);
    }

    @Test
    void amountsStayExactAtTenDecimalsAndAtLargeLimits() {
        BigDecimal limit = d("9999999999");
        CounterKey big = new CounterKey("bud-big-" + run, PERIOD);
        BudgetCounterStore.Loader spentAlmostAll = key -> new Counter(d("9999999997.9999999999"), BigDecimal.ZERO);
        assertThat(store().reserve(rid(), EXPIRES, List.of(new Charge(big, limit)), d("1.0000000001"), spentAlmostAll, () -> true).reserved())
                .isTrue();
        assertThat(store().read(big, spentAlmostAll).reserved()).isEqualByComparingTo("1.0000000001");
        var refused = store().reserve(rid(), EXPIRES, List.of(new Charge(big, limit)), d("0.0000000001"), spentAlmostAll, () -> true);
        assertThat(refused.reserved()).isFalse();
        assertThat(store().settle(rid(), List.of(big), d("1.0000000001"), List.of(big), d("0.3333333333"), spentAlmostAll,
                () -> true)).isTrue();
        Counter after = store().read(big, spentAlmostAll);
        assertThat(after.spent()).isEqualByComparingTo("9999999998.3333333332");
        assertThat(after.reserved()).isZero();
    }

    @Test
    void concurrentReservationsNeverHoldMoreThanTheLimit() throws Exception {
        CounterKey shared = new CounterKey("bud-shared-" + run, PERIOD);
        List<Charge> charges = List.of(new Charge(shared, d("10")), new Charge(org, null));
        ConcurrentHashMap<String, Boolean> held = new ConcurrentHashMap<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(64)) {
            for (int t = 0; t < 64; t++) {
                int thread = t;
                pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        if (store().reserve(rid(), EXPIRES, charges, d("0.07"), loader, () -> true).reserved()) {
                            held.put(thread + "-" + i, true);
                        }
                    }
                });
            }
        }
        assertThat(held).hasSize(142); // floor(10 / 0.07): exactly as many as fit, never one more
        assertThat(store().read(shared, loader).reserved()).isEqualByComparingTo(d("0.07").multiply(d("142")));
        assertThat(store().read(org, loader).reserved()).isEqualByComparingTo(d("0.07").multiply(d("142")));
    }
}
