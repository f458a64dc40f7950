package io.aihub.keys;

import io.aihub.common.Hashing;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Secret → {@link KeyValidation}, through the {@link KeyCache}. A hot key costs one SHA-256 and a
 * hash-map lookup; expiry and grace periods are judged against the clock on every call, so a key
 * expires on time without any job or cache eviction.
 */
public final class KeyValidator {

    /** {@code org_} + 43 URL-safe base64 characters (32 bytes). */
    static final String SECRET_PREFIX = "org_";
    static final int SECRET_LENGTH = 47;

    private static final KeyValidation.Rejected INVALID = new KeyValidation.Rejected(KeyValidation.INVALID_API_KEY,
            "the API key is not valid");
    private static final KeyValidation.Rejected REVOKED = new KeyValidation.Rejected(KeyValidation.KEY_REVOKED,
            "the API key has been revoked");
    private static final KeyValidation.Rejected EXPIRED = new KeyValidation.Rejected(KeyValidation.KEY_EXPIRED,
            "the API key has expired");
    private static final KeyValidation.Rejected REPLACED = new KeyValidation.Rejected(KeyValidation.INVALID_API_KEY,
            "the API key was regenerated and its grace period is over");

    private final KeyCache cache;
    private final KeyLookup lookup;
    private final Clock clock;

    public KeyValidator(KeyCache cache, KeyLookup lookup, Clock clock) {
        this.cache = cache;
        this.lookup = lookup;
        this.clock = clock;
    }

    public KeyValidation validate(String plaintext) {
        if (plaintext == null || plaintext.length() != SECRET_LENGTH || !plaintext.startsWith(SECRET_PREFIX)) {
            return INVALID;
        }
        String hash = Hashing.sha256Hex(plaintext);
        KeyCredential credential = cache.get(hash);
        if (credential == null) {
            if (cache.isUnknown(hash)) {
                return INVALID;
            }
            long generation = cache.generation();
            Optional<KeyCredential> loaded = lookup.byHash(hash);
            if (loaded.isEmpty()) {
                cache.putUnknown(hash, generation);
                return INVALID;
            }
            credential = loaded.get();
            cache.put(hash, credential, generation);
        }
        return judge(credential, clock.instant());
    }

    private static KeyValidation judge(KeyCredential credential, Instant now) {
        if (credential.revokedAt() != null) {
            return REVOKED;
        }
        Instant expiresAt = credential.principal().expiresAt();
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return EXPIRED;
        }
        if (credential.graceUntil() != null && !now.isBefore(credential.graceUntil())) {
            return REPLACED;
        }
        return new KeyValidation.Valid(credential.principal());
    }
}
