package io.aihub.keys;

import java.util.Optional;

/** Finds the key a secret hash belongs to, as its current or its previous (grace-period) secret. */
@FunctionalInterface
public interface KeyLookup {

    Optional<KeyCredential> byHash(String sha256Hex);
}
