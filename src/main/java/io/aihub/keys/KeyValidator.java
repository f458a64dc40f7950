package io.aihub.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /** MessageDigest.getInstance costs a provider lookup; one digest per thread avoids it on every call. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    });

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
        SecretHash hash = SecretHash.of(SHA256.get().digest(plaintext.getBytes(StandardCharsets.UTF_8)));
        KeyCache.Entry entry = cache.get(hash);
        if (entry == null) {
            if (cache.isUnknown(hash)) {
                return INVALID;
            }
            long generation = cache.generation();
            Optional<KeyCredential> loaded = lookup.byHash(hash.hex());
            if (loaded.isEmpty()) {
                cache.putUnknown(hash, generation);
                return INVALID;
            }
            KeyCredential credential = loaded.get();
            entry = KeyCache.Entry.of(credential, credential.revokedAt() != null ? REVOKED
                    : new KeyValidation.Valid(credential.principal()));
            cache.put(hash, entry, generation);
        }
        if (clock.millis() < entry.fastUntilMillis()) {
            return entry.verdict();
        }
        return judge(entry.credential(), clock.instant());
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
