package io.aihub.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.common.Hashing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cache without Spring: hits cost no lookup, invalidation is by key id, and a racing load cannot resurrect old data. */
class KeyCacheTests {

    private final Map<String, KeyCredential> store = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final KeyCache cache = new KeyCache(1000, Duration.ofMinutes(5), 1000, Duration.ofMinutes(1));

    private static KeyCredential credential(String keyId, Integer rpm) {
        return new KeyCredential(new ApiKeyPrincipal(keyId, "org-1", null, null, KeyPermissions.ALL, null, null, rpm,
                null, null, null), null, null);
    }

    private KeyValidator validator(KeyLookup lookup) {
        return new KeyValidator(cache, lookup, Clock.systemUTC());
    }

    private KeyLookup counting() {
        return hash -> {
            lookups.incrementAndGet();
            return Optional.ofNullable(store.get(hash));
        };
    }

    @Test
    void hitsAndMissesAreServedFromMemory() {
        String secret = Hashing.randomSecret("org_", 32);
        store.put(Hashing.sha256Hex(secret), credential("key-1", 1));
        KeyValidator validator = validator(counting());
        validator.validate(secret);
        validator.validate(secret);
        String unknown = Hashing.randomSecret("org_", 32);
        validator.validate(unknown);
        validator.validate(unknown);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void invalidatingAKeyDropsAllItsSecrets() {
        String current = Hashing.randomSecret("org_", 32);
        String previous = Hashing.randomSecret("org_", 32);
        store.put(Hashing.sha256Hex(current), credential("key-1", 1));
        store.put(Hashing.sha256Hex(previous), new KeyCredential(credential("key-1", 1).principal(), null,
                Instant.now().plusSeconds(60)));
        KeyValidator validator = validator(counting());
        validator.validate(current);
        validator.validate(previous);
        assertThat(cache.size()).isEqualTo(2);
        store.put(Hashing.sha256Hex(current), credential("key-1", 99));
        cache.invalidate("key-1");
        assertThat(cache.size()).isZero();
        var result = (KeyValidation.Valid) validator.validate(current);
        assertThat(result.principal().rateLimitPerMinute()).isEqualTo(99);
    }

    @Test
    void aLoadThatRacedWithAWriteIsNotKept() {
        String secret = Hashing.randomSecret("org_", 32);
        String hash = Hashing.sha256Hex(secret);
        store.put(hash, credential("key-1", 1));
        // The write lands (and invalidates) while the lookup is reading the old row.
        KeyValidator validator = validator(h -> {
            Optional<KeyCredential> stale = Optional.ofNullable(store.get(h));
            store.put(hash, credential("key-1", 2));
            cache.invalidate("key-1");
            return stale;
        });
        validator.validate(secret);
        assertThat(cache.get(SecretHash.ofHex(hash))).isNull();
    }

    @Test
    void aSecretHashRoundTripsThroughHex() {
        String hex = Hashing.sha256Hex(Hashing.randomSecret("org_", 32));
        assertThat(SecretHash.ofHex(hex).hex()).isEqualTo(hex);
        assertThat(SecretHash.ofHex(hex)).isEqualTo(SecretHash.ofHex(hex.toUpperCase()));
    }
}
