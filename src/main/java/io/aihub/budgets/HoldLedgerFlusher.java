package io.aihub.budgets;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes the ledger's queued holds and settlements every {@code aihub.budgets.ledger-flush} on one
 * background thread, so no gateway request waits for the database, and once more at shutdown. While
 * the database is unreachable the queue is kept and retried on the next tick (warned at most every 10 s).
 */
@Component
class HoldLedgerFlusher {

    private static final Logger log = LoggerFactory.getLogger(HoldLedgerFlusher.class);

    private final HoldLedger ledger;
    private final BudgetService budgets;
    private final BudgetProperties properties;
    private ScheduledExecutorService timer;
    private long lastWarning;

    HoldLedgerFlusher(HoldLedger ledger, BudgetService budgets, BudgetProperties properties) {
        this.ledger = ledger;
        this.budgets = budgets;
        this.properties = properties;
    }

    @PostConstruct
    void start() {
        if (properties.ledgerFlush().isZero()) {
            return; // write-through: BudgetService flushes on every change
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("budget-ledger-writer").daemon()
                .factory());
        long every = properties.ledgerFlush().toNanos();
        timer.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.NANOSECONDS);
    }

    private void flush() {
        try {
            ledger.flush();
            budgets.reloadRejected();
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            if (now - lastWarning > TimeUnit.SECONDS.toNanos(10)) {
                lastWarning = now;
                log.warn("budget ledger: {} change(s) could not be written yet ({}); retrying", ledger.queued(),
                        e.getMessage());
            }
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        if (timer != null) {
            timer.shutdown();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
        ledger.flush();
    }
}
