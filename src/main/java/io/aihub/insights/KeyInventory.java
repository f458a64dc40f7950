package io.aihub.insights;

import java.time.Instant;
import java.util.List;

/**
 * What recommendations need to know about an organization's API keys. The keys module implements it.
 */
public interface KeyInventory {

    List<KeyFacts> keys(String organizationId);

    /** {@code status}: active, revoked or expired; {@code monthlyRequestQuota} null = none. */
    record KeyFacts(String id, String name, String status, Long monthlyRequestQuota, Instant lastUsedAt,
            Instant createdAt) {
    }
}
