package io.aihub.usage;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Marks each new record as pending for the rollups: a plain (not transactional-phase) listener, so the
 * mark commits or rolls back with the record. It is one insert of a new row, no shared row is locked, so
 * an organization's records are written in parallel; {@link RollupAggregator} folds them in shortly after.
 */
@Component
class UsageRollupWriter {

    private final UsageRollupRepository rollups;

    UsageRollupWriter(UsageRollupRepository rollups) {
        this.rollups = rollups;
    }

    @EventListener
    void on(UsageRecorded event) {
        rollups.enqueue(event.record().requestId());
    }
}
