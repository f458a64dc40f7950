package io.aihub.budgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;

/**
 * Counters in this JVM. Correctness first: one mutex guards every check-and-change, so a request's
 * budgets move together (all or none). Loading a counter from the ledger takes the write side of a
 * fair read-write lock whose read side every operation holds until its ledger write is done, so a
 * load never sees a change that is in the counters but not yet in the ledger (or the reverse).
 */
public class InProcessBudgetCounterStore implements BudgetCounterStore {

    private static final class Cell {
        BigDecimal spent;
        BigDecimal reserved;

        Cell(Counter counter) {
            this.spent = counter.spent();
            this.reserved = counter.reserved();
        }
    }

    private final Map<CounterKey, Cell> cells = new HashMap<>();
    private final Object mutex = new Object();
    private final ReentrantReadWriteLock loading = new ReentrantReadWriteLock(true);

    /** Public for the JMH benchmark; the application gets it as a bean ({@code BudgetCounterConfiguration}). */
    public InProcessBudgetCounterStore() {
    }

    @Override
    public Outcome reserve(String requestId, Instant expiresAt, List<Charge> charges, BigDecimal amount, Loader loader,
            BooleanSupplier persist) {
        List<CounterKey> keys = charges.stream().map(Charge::key).toList();
        while (true) {
            ensureLoaded(keys, loader);
            loading.readLock().lock();
            try {
                List<Cell> held = new ArrayList<>(charges.size());
                synchronized (mutex) {
                    if (!loaded(keys)) continue;
                    for (int i = 0; i < charges.size(); i++) {
                        Charge charge = charges.get(i);
                        Cell cell = cells.get(charge.key());
                        if (charge.limit() != null) {
                            BigDecimal remaining = charge.limit().subtract(cell.spent).subtract(cell.reserved);
                            if (cell.spent.add(cell.reserved).add(amount).compareTo(charge.limit()) > 0) {
                                return new Outcome(i, remaining.max(BigDecimal.ZERO));
                            }
                        }
                    }
                    for (Charge charge : charges) {
                        Cell cell = cells.get(charge.key());
                        cell.reserved = cell.reserved.add(amount);
                        held.add(cell);
                    }
                }
                boolean ok = false;
                try {
                    ok = persist.getAsBoolean();
                } finally {
                    if (!ok) {
                        synchronized (mutex) {
                            held.forEach(cell -> cell.reserved = cell.reserved.subtract(amount));
                        }
                    }
                }
                return ok ? new Outcome(-1, null) : new Outcome(-2, null);
            } finally {
                loading.readLock().unlock();
            }
        }
    }

    @Override
    public boolean settle(String requestId, List<CounterKey> heldKeys, BigDecimal held, List<CounterKey> spendKeys,
            BigDecimal actual, Loader loader, BooleanSupplier persist) {
        LinkedHashSet<CounterKey> all = new LinkedHashSet<>(heldKeys);
        all.addAll(spendKeys);
        while (true) {
            ensureLoaded(all, loader);
            loading.readLock().lock();
            try {
                synchronized (mutex) {
                    if (!loaded(all)) continue;
                    apply(heldKeys, held, spendKeys, actual, 1);
                }
                boolean ok = false;
                try {
                    ok = persist.getAsBoolean();
                } finally {
                    if (!ok) {
                        synchronized (mutex) {
                            apply(heldKeys, held, spendKeys, actual, -1);
                        }
                    }
                }
                return ok;
            } finally {
                loading.readLock().unlock();
            }
        }
    }

    private void apply(List<CounterKey> heldKeys, BigDecimal held, List<CounterKey> spendKeys, BigDecimal actual,
            int sign) {
        BigDecimal h = sign > 0 ? held : held.negate();
        BigDecimal a = sign > 0 ? actual : actual.negate();
        for (CounterKey key : heldKeys) {
            Cell cell = cells.get(key);
            cell.reserved = cell.reserved.subtract(h);
        }
        for (CounterKey key : spendKeys) {
            Cell cell = cells.get(key);
            cell.spent = cell.spent.add(a);
        }
    }

    @Override
    public Counter read(CounterKey key, Loader loader) {
        ensureLoaded(List.of(key), loader);
        synchronized (mutex) {
            Cell cell = cells.get(key);
            return cell == null ? loader.load(key) : new Counter(cell.spent, cell.reserved);
        }
    }

    @Override
    public void forget(String budgetId) {
        loading.writeLock().lock();
        try {
            synchronized (mutex) {
                cells.keySet().removeIf(key -> key.budgetId().equals(budgetId));
            }
        } finally {
            loading.writeLock().unlock();
        }
    }

    private boolean loaded(Collection<CounterKey> keys) {
        for (CounterKey key : keys) {
            if (!cells.containsKey(key)) return false;
        }
        return true;
    }

    private void ensureLoaded(Collection<CounterKey> keys, Loader loader) {
        synchronized (mutex) {
            if (loaded(keys)) return;
        }
        loading.writeLock().lock();
        try {
            for (CounterKey key : keys) {
                boolean missing;
                synchronized (mutex) {
                    missing = !cells.containsKey(key);
                }
                if (missing) {
                    Counter counter = loader.load(key); // ledger read, outside the mutex; no operation is mid-write
                    synchronized (mutex) {
                        cells.putIfAbsent(key, new Cell(counter));
                    }
                }
            }
        } finally {
            loading.writeLock().unlock();
        }
    }
}
