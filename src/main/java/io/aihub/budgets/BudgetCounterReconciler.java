package io.aihub.budgets;

import io.aihub.budgets.BudgetCounterStore.Counter;
import io.aihub.limits.StoreFailures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Compares every Redis budget counter with the ledger on a schedule ({@code aihub.budgets.reconcile-interval})
 * and publishes the difference (counters minus ledger, summed) as {@code aihub.budgets.counter.drift{kind=spent|reserved}}.
 *
 * <p>A counter that differs is replaced by the ledger's values only when it has been left alone for
 * {@code aihub.budgets.reconcile-quiet}, and only if it is still unchanged when the correction lands (a
 * compare-and-set on its change sequence): a counter that is moving may be ahead of the ledger by requests
 * whose ledger write is still under way, and overwriting it then would lose them. In process there is
 * nothing to reconcile: counters and ledger move under one lock.
 */
final class BudgetCounterReconciler {

    static final int MAX_COUNTERS_PER_RUN = 100_000;

    private final RedisBudgetCounterStore store;
    private final BudgetCounterStore.Loader ledger;
    private final Duration quiet;
    private final StoreFailures failures;
    private final Clock clock;
    private final AtomicReference<BigDecimal> spentDrift = new AtomicReference<>(BigDecimal.ZERO);
    private final AtomicReference<BigDecimal> reservedDrift = new AtomicReference<>(BigDecimal.ZERO);
    private final io.micrometer.core.instrument.Counter corrected;

    /** @param store null when counters are in process */
    BudgetCounterReconciler(RedisBudgetCounterStore store, BudgetCounterStore.Loader ledger, Duration quiet,
            StoreFailures failures, Clock clock, MeterRegistry registry) {
        this.store = store;
        this.ledger = ledger;
        this.quiet = quiet;
        this.failures = failures;
        this.clock = clock;
        // A metric, not money: the gauge's double is only ever displayed.
        Gauge.builder("aihub.budgets.counter.drift", spentDrift, d -> d.get().doubleValue()).tag("kind", "spent")
                .description("Budget counters minus the ledger at the last reconciliation (USD)").register(registry);
        Gauge.builder("aihub.budgets.counter.drift", reservedDrift, d -> d.get().doubleValue()).tag("kind", "reserved")
                .description("Budget counters minus the ledger at the last reconciliation (USD)").register(registry);
        this.corrected = io.micrometer.core.instrument.Counter.builder("aihub.budgets.counter.corrected")
                .description("Budget counters replaced by the ledger's values").register(registry);
    }

    /** One pass; answers the drift it measured (null in process or when Redis could not be reached). */
    Drift reconcile() {
        if (store == null) {
            return null;
        }
        BigDecimal spent = BigDecimal.ZERO;
        BigDecimal reserved = BigDecimal.ZERO;
        int fixed = 0;
        try {
            long quietBefore = clock.millis() - quiet.toMillis();
            for (RedisBudgetCounterStore.Snapshot counter : store.snapshot(MAX_COUNTERS_PER_RUN)) {
                Counter truth = ledger.load(counter.key());
                BigDecimal ds = counter.spent().subtract(truth.spent());
                BigDecimal dr = counter.reserved().subtract(truth.reserved());
                spent = spent.add(ds);
                reserved = reserved.add(dr);
                if ((ds.signum() != 0 || dr.signum() != 0) && counter.changedAt() <= quietBefore
                        && store.correct(counter, truth)) {
                    corrected.increment();
                    fixed++;
                }
            }
        } catch (RuntimeException e) {
            failures.dropped("budget counter reconciliation", e);
            return null;
        }
        spentDrift.set(spent);
        reservedDrift.set(reserved);
        return new Drift(spent, reserved, fixed);
    }

    record Drift(BigDecimal spent, BigDecimal reserved, int corrected) {
    }
}
