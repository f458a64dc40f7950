package io.aihub.keys;

import io.aihub.insights.KeyInventory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Tells the insights module an organization's keys (status judged now, expired included; last use
 * including a use not yet flushed to the table), for the "unused key" and "near quota" recommendations.
 */
@Component
class KeyInventoryForInsights implements KeyInventory {

    private final ApiKeyRepository repository;
    private final LastUsedTracker lastUsed;
    private final Clock clock;

    KeyInventoryForInsights(ApiKeyRepository repository, LastUsedTracker lastUsed, Clock clock) {
        this.repository = repository;
        this.lastUsed = lastUsed;
        this.clock = clock;
    }

    @Override
    public List<KeyFacts> keys(String organizationId) {
        Instant now = clock.instant();
        return repository.allOf(organizationId).stream().map(k -> {
            Instant pending = lastUsed.pending(k.id());
            Instant used = pending != null && (k.lastUsedAt() == null || pending.isAfter(k.lastUsedAt()))
                    ? pending : k.lastUsedAt();
            return new KeyFacts(k.id(), k.settings().name(), k.status(now).wireName(), k.settings().monthlyRequestQuota(),
                    used, k.createdAt());
        }).toList();
    }
}
