package io.aihub.budgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The live counters of every budget period: what is spent and what is held. The in-process
 * implementation serves one instance; a Redis implementation (one Lua script per operation over
 * all keys of a request) can replace it for many instances without touching callers.
 *
 * <p>The database ledger ({@code budget_holds}) is the durable truth the counters are rebuilt from.
 * Every mutating operation therefore takes a {@code persist} step (the ledger write) and guarantees
 * that no counter is (re)loaded from the ledger between the counter change and the end of that
 * step, so a load never sees a half-applied request. If {@code persist} answers false or throws,
 * the counter change is undone.
 */
public interface BudgetCounterStore {

    /** One budget's counters for one period. */
    record CounterKey(String budgetId, Instant periodStart) {

        String asString() {
            return budgetId + "@" + periodStart.getEpochSecond();
        }

        static CounterKey parse(String value) {
            int at = value.lastIndexOf('@');
            return new CounterKey(value.substring(0, at), Instant.ofEpochSecond(Long.parseLong(value.substring(at + 1))));
        }
    }

    record Counter(BigDecimal spent, BigDecimal reserved) {

        static final Counter EMPTY = new Counter(BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** A charge on one counter; {@code limit} null means the budget never denies (soft, or hard limits off). */
    record Charge(CounterKey key, BigDecimal limit) {
    }

    /** Reads a counter's persisted state from the ledger when the store does not have it. */
    @FunctionalInterface
    interface Loader {
        Counter load(CounterKey key);
    }

    /**
     * {@code deniedIndex} is -1 when the amount was held on every charge, -2 when {@code persist} declined
     * (the request was reserved before: nothing changed), -3 when a shared store could not be reached and
     * the failure policy refuses, else the index of the first charge that refused.
     */
    record Outcome(int deniedIndex, BigDecimal remaining) {

        boolean reserved() {
            return deniedIndex == -1 || deniedIndex == -2;
        }
    }

    /**
     * All or none: for every charge with a limit, {@code spent + reserved + amount <= limit}; then holds the amount on all.
     * {@code expiresAt}: when the hold's ledger row would be expired (a shared store sweeps holds whose row never came).
     */
    Outcome reserve(String requestId, Instant expiresAt, List<Charge> charges, BigDecimal amount, Loader loader,
            BooleanSupplier persist);

    /**
     * Moves a hold to spend: {@code reserved -= held} on {@code heldKeys}, {@code spent += actual} on
     * {@code spendKeys}. Answers whether {@code persist} accepted it (false: someone else settled first).
     * A store that outlives the process applies a request's settlement to its counters once, however often
     * it is asked (a settlement replayed after a crash that cut it off between the counters and the ledger).
     */
    boolean settle(String requestId, List<CounterKey> heldKeys, BigDecimal held, List<CounterKey> spendKeys,
            BigDecimal actual, Loader loader, BooleanSupplier persist);

    /** What the ledger says of a request: its status and, once finished, what it spent. */
    record LedgerState(String status, BigDecimal actualCost) {
    }

    /** The ledger rows of the given request ids (absent: the ledger never received that request). */
    @FunctionalInterface
    interface LedgerLookup {
        Map<String, LedgerState> find(Collection<String> requestIds);
    }

    /**
     * For a store that outlives the process: gives back holds the ledger never received (their instance died
     * between the counters and the ledger write) once they are past their expiry; answers how many.
     */
    default int sweepHolds(LedgerLookup ledger) {
        return 0;
    }

    Counter read(CounterKey key, Loader loader);

    /** Drops every counter of a budget (deleted, or its period changed). */
    void forget(String budgetId);

    /**
     * Whether the counters outlive this process (Redis). Then a hold must reach the ledger before the
     * request is forwarded: a hold queued in memory and lost with the process would leave its amount
     * reserved in the shared counter, with no ledger row for the expiry sweeper to find.
     */
    default boolean outlivesProcess() {
        return false;
    }
}
