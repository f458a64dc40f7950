package io.aihub.bench;

import io.aihub.budgets.BudgetCounterStore;
import io.aihub.budgets.BudgetCounterStore.Charge;
import io.aihub.budgets.BudgetCounterStore.CounterKey;
import io.aihub.budgets.InProcessBudgetCounterStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The gateway's budget hot path in memory: reserve on three budgets (organization, team, key) and
 * settle, with the ledger write stubbed out (it is a database round trip, measured elsewhere).
 * One thread, and four threads contending for the same three budgets (the store's single mutex).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReserveSettleBenchmark {

    private static final BigDecimal HOLD = new BigDecimal("0.0125000000");
    private static final BigDecimal ACTUAL = new BigDecimal("0.0031250000");
    private static final BudgetCounterStore.Loader EMPTY = key -> new BudgetCounterStore.Counter(BigDecimal.ZERO, BigDecimal.ZERO);

    private final BudgetCounterStore store = new InProcessBudgetCounterStore();
    private static final Instant EXPIRES = Instant.parse("2100-01-01T00:00:00Z");
    private final Instant period = Instant.parse("2026-11-01T00:00:00Z");
    private final List<CounterKey> keys = List.of(new CounterKey("bud-org", period), new CounterKey("bud-team", period),
            new CounterKey("bud-key", period));
    // Limits far above what a run can spend: every reservation succeeds, so each op is a full reserve + settle.
    private final List<Charge> charges = keys.stream().map(k -> new Charge(k, new BigDecimal("1000000000000"))).toList();

    @Benchmark
    @Threads(1)
    public boolean reserveAndSettleThreeBudgets() {
        return cycle();
    }

    @Benchmark
    @Threads(4)
    public boolean reserveAndSettleThreeBudgetsFourThreads() {
        return cycle();
    }

    private boolean cycle() {
        // The in-process store keys nothing by request id; one constant id costs nothing here.
        BudgetCounterStore.Outcome outcome = store.reserve("bench", EXPIRES, charges, HOLD, EMPTY, () -> true);
        return store.settle("bench", keys, HOLD, keys, ACTUAL, EMPTY, () -> true) && outcome.deniedIndex() < 0;
    }
}
