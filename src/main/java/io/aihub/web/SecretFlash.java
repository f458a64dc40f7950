package io.aihub.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.aihub.common.Hashing;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Hands a new key's plaintext from the POST that created it to the one GET that shows it
 * (post/redirect/get), then forgets it: a reload, the back button or another session never sees it
 * again. Held in memory only, for at most five minutes, keyed by the session so it cannot be read
 * across users. On several instances the redirect must reach the same one (sticky sessions).
 */
@Component
class SecretFlash {

    private final Cache<String, String> secrets = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(5))
            .maximumSize(10_000).build();

    void put(String sessionToken, String keyId, String secret) {
        secrets.put(slot(sessionToken, keyId), secret);
    }

    Optional<String> take(String sessionToken, String keyId) {
        return Optional.ofNullable(secrets.asMap().remove(slot(sessionToken, keyId)));
    }

    private static String slot(String sessionToken, String keyId) {
        return Hashing.sha256Hex(sessionToken) + "|" + keyId;
    }
}
