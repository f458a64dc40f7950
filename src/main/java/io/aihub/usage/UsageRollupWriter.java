package io.aihub.usage;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the rollups in step with the records: a plain (not transactional-phase) listener, so it runs
 * inside {@link UsageService#record}'s transaction. A record and its rollup increments commit or roll
 * back together, so the rollups are exact and survive any restart.
 */
@Component
class UsageRollupWriter {

    private final UsageRollupRepository rollups;

    UsageRollupWriter(UsageRollupRepository rollups) {
        this.rollups = rollups;
    }

    @EventListener
    void on(UsageRecorded event) {
        rollups.add(event.record());
    }
}
