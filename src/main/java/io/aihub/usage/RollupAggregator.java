package io.aihub.usage;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds pending usage records into the rollups, off the request path.
 *
 * <p>Why not a watermark on a sequence or on created_at: ids are drawn when a record is inserted but become
 * visible when its transaction commits, in another order, so "everything above the last id folded" would
 * skip a record whose transaction was still open. Instead each record leaves a pending mark in its own
 * transaction, and one pass (a transaction holding the rollup lock) reads up to {@value #BATCH} committed
 * marks with their records, sums them in memory per rollup row, applies one increment per touched row and
 * deletes exactly those marks. The increments and the deletions commit together: a crash between them is
 * impossible, so nothing is counted twice or lost, and marks left at a shutdown are folded after the next start.
 *
 * <p>Runs every {@code aihub.usage.rollup-interval} (1 s) and at shutdown; the usage analytics also call
 * {@link #catchUp()} before reading, so an API answer includes every record committed before it was asked.
 */
@Component
public class RollupAggregator {

    static final int BATCH = 10_000;
    private static final Logger log = LoggerFactory.getLogger(RollupAggregator.class);

    private final UsageRollupRepository rollups;
    private final TransactionTemplate tx;
    private final boolean background;
    private final ObjectProvider<UsageBacklog> backlog;

    RollupAggregator(UsageRollupRepository rollups, PlatformTransactionManager transactions,
            @Value("${aihub.usage.rollup-background:true}") boolean background, ObjectProvider<UsageBacklog> backlog) {
        this.rollups = rollups;
        this.backlog = backlog;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.background = background;
    }

    @Scheduled(fixedDelayString = "${aihub.usage.rollup-interval:PT1S}", initialDelayString = "${aihub.usage.rollup-interval:PT1S}")
    void tick() {
        if (background) {
            quietly();
        }
    }

    @PreDestroy
    void atShutdown() {
        if (background) {
            quietly();
        }
    }

    /** Folds every record committed so far into the rollups; answers how many records were folded. */
    public int aggregate() {
        int total = 0;
        while (true) {
            Integer folded = tx.execute(status -> pass());
            total += folded == null ? 0 : folded;
            if (folded == null || folded < BATCH) {
                return total;
            }
        }
    }

    /**
     * Before a read: writes the records still in the backlog, then folds what is pending, if anything (one
     * indexed probe otherwise). A failure only delays.
     */
    void catchUp() {
        try {
            backlog.ifAvailable(UsageBacklog::drain);
            if (rollups.hasPending()) {
                aggregate();
            }
        } catch (RuntimeException e) {
            log.warn("rollup catch-up before a read failed; the answer may miss the last second of usage: {}", e.toString());
        }
    }

    private void quietly() {
        try {
            aggregate();
        } catch (RuntimeException e) {
            log.error("rollup aggregation failed; pending records stay queued and are retried", e);
        }
    }

    private int pass() {
        rollups.lock();
        List<UsageRollupRepository.Pending> batch = rollups.pending(BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        Map<UsageRollupRepository.Key, UsageFigures> increments = new HashMap<>();
        List<String> ids = new ArrayList<>(batch.size());
        for (UsageRollupRepository.Pending p : batch) {
            ids.add(p.requestId());
            if (p.record() != null) {
                UsageRollupRepository.fold(p.record(), increments);
            }
        }
        rollups.apply(increments);
        int deleted = rollups.dequeue(ids);
        if (deleted != ids.size()) {
            // Someone else folded some of them: roll back rather than count them twice.
            throw new IllegalStateException("pending marks changed during aggregation: " + deleted + " of " + ids.size());
        }
        return ids.size();
    }
}
