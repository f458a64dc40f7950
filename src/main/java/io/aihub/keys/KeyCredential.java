package io.aihub.keys;

import java.time.Instant;

/**
 * What one secret hash resolves to: the key's principal, when it was revoked (null if not), and,
 * for the previous secret of a regenerated key, the end of its grace period (null for the current secret).
 */
public record KeyCredential(ApiKeyPrincipal principal, Instant revokedAt, Instant graceUntil) {
}
