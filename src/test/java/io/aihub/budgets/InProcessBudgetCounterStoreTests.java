package io.aihub.budgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.budgets.BudgetCounterStore.Charge;
import io.aihub.budgets.BudgetCounterStore.Counter;
import io.aihub.budgets.BudgetCounterStore.CounterKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counter store on its own: all or none, undo when the ledger write fails, lazy loads. */
class InProcessBudgetCounterStoreTests {

    private static final Instant PERIOD = Instant.parse("2026-11-01T00:00:00Z");
    private final InProcessBudgetCounterStore store = new InProcessBudgetCounterStore();
    private final CounterKey org = new CounterKey("bud-org", PERIOD);
    private final CounterKey team = new CounterKey("bud-team", PERIOD);
    private final BudgetCounterStore.Loader loader = key -> key.equals(team)
            ? new Counter(new BigDecimal("8"), new BigDecimal("1")) // the team already spent 8 and holds 1
            : Counter.EMPTY;

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void aRefusalOnOneBudgetHoldsNothingOnTheOthers() {
        var outcome = store.reserve(List.of(new Charge(org, d("100")), new Charge(team, d("10"))), d("2"), loader, () -> true);
        assertThat(outcome.deniedIndex()).isEqualTo(1);
        assertThat(outcome.remaining()).isEqualByComparingTo("1");
        assertThat(store.read(org, loader).reserved()).isZero();
        assertThat(store.read(team, loader).reserved()).isEqualByComparingTo("1");
    }

    @Test
    void theLimitItselfMayBeReachedButNotPassed() {
        assertThat(store.reserve(List.of(new Charge(team, d("10"))), d("1"), loader, () -> true).reserved()).isTrue();
        assertThat(store.reserve(List.of(new Charge(team, d("10"))), d("0.0000000001"), loader, () -> true).reserved())
                .isFalse();
    }

    @Test
    void aChargeWithoutALimitNeverRefuses() {
        assertThat(store.reserve(List.of(new Charge(team, null)), d("1000"), loader, () -> true).reserved()).isTrue();
        assertThat(store.read(team, loader).reserved()).isEqualByComparingTo("1001");
    }

    @Test
    void aFailedOrDeclinedLedgerWriteUndoesTheChange() {
        List<Charge> charges = List.of(new Charge(org, d("100")));
        assertThatThrownBy(() -> store.reserve(charges, d("5"), loader, () -> {
            throw new IllegalStateException("database down");
        })).hasMessage("database down");
        assertThat(store.reserve(charges, d("5"), loader, () -> false).deniedIndex()).isEqualTo(-2);
        assertThat(store.read(org, loader).reserved()).isZero();

        store.reserve(charges, d("5"), loader, () -> true);
        assertThat(store.settle(List.of(org), d("5"), List.of(org), d("3"), loader, () -> false)).isFalse();
        assertThat(store.read(org, loader)).isEqualTo(new Counter(BigDecimal.ZERO, d("5")));
        assertThat(store.settle(List.of(org), d("5"), List.of(org), d("7"), loader, () -> true)).isTrue();
        assertThat(store.read(org, loader).spent()).isEqualByComparingTo("7");
        assertThat(store.read(org, loader).reserved()).isZero();
    }

    @Test
    void aForgottenBudgetIsLoadedAgainFromTheLedger() {
        store.settle(List.of(), BigDecimal.ZERO, List.of(team), d("2"), loader, () -> true);
        assertThat(store.read(team, loader).spent()).isEqualByComparingTo("10");
        store.forget("bud-team");
        assertThat(store.read(team, loader).spent()).isEqualByComparingTo("8");
    }
}
