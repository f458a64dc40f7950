package io.aihub.keys;

import java.time.Instant;

/** A stored key. Holds the hash of its secret, never the secret. */
record ApiKey(String id, String organizationId, String keyPrefix, String keyHash, String previousKeyHash,
        Instant previousKeyExpiresAt, KeySettings settings, String createdBy, Instant createdAt, Instant updatedAt,
        Instant regeneratedAt, Instant revokedAt, String revokedBy, Instant lastUsedAt) {

    static final String MASTER = "master";

    enum Status {
        ACTIVE, REVOKED, EXPIRED;

        String wireName() {
            return name().toLowerCase();
        }
    }

    /** Computed at read time, so an expired key says so without any job having run. */
    Status status(Instant now) {
        if (revokedAt != null) return Status.REVOKED;
        if (settings.expiresAt() != null && !now.isBefore(settings.expiresAt())) return Status.EXPIRED;
        return Status.ACTIVE;
    }

    ApiKeyPrincipal principal() {
        KeySettings s = settings;
        return new ApiKeyPrincipal(id, organizationId, s.teamId(), MASTER.equals(createdBy) ? null : createdBy,
                s.permissions(), s.monthlyRequestQuota(), s.monthlyTokenQuota(), s.rateLimitPerMinute(),
                s.tokensPerMinute(), s.maxParallelRequests(), s.expiresAt());
    }

    /** What {@code hash} (the current or the previous secret's) resolves to. */
    KeyCredential credentialFor(String hash) {
        boolean previous = !hash.equals(keyHash);
        return new KeyCredential(principal(), revokedAt, previous ? previousKeyExpiresAt : null);
    }

    ApiKey withSettings(KeySettings newSettings, Instant at) {
        return new ApiKey(id, organizationId, keyPrefix, keyHash, previousKeyHash, previousKeyExpiresAt, newSettings,
                createdBy, createdAt, at, regeneratedAt, revokedAt, revokedBy, lastUsedAt);
    }
}
