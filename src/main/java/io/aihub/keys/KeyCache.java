package io.aihub.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory map from secret hash to {@link KeyCredential} that keeps the gateway's key check
 * off the database, plus a small negative cache of hashes known to match no key.
 *
 * <p>Entries are invalidated by key id after every committed write ({@link #invalidate(String)}),
 * which is also the hook a cross-instance channel (Redis pub/sub) will call. A load that raced
 * with an invalidation must not resurrect stale data: every write bumps a generation counter, and
 * a loader that saw an older generation drops what it just cached.
 */
public final class KeyCache {

    private final Cache<String, KeyCredential> byHash;
    private final Cache<String, Boolean> unknown;
    private final ConcurrentHashMap<String, Set<String>> hashesByKey = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public KeyCache(long maximumSize, Duration ttl, long unknownMaximumSize, Duration unknownTtl) {
        this.byHash = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(ttl)
                .executor(Runnable::run)
                .<String, KeyCredential>removalListener((hash, credential, cause) -> {
                    if (hash != null && credential != null && cause != RemovalCause.REPLACED) {
                        forget(credential.principal().keyId(), hash);
                    }
                })
                .build();
        this.unknown = Caffeine.newBuilder().maximumSize(unknownMaximumSize).expireAfterWrite(unknownTtl).build();
    }

    KeyCredential get(String hash) {
        return byHash.getIfPresent(hash);
    }

    boolean isUnknown(String hash) {
        return unknown.getIfPresent(hash) != null;
    }

    long generation() {
        return generation.get();
    }

    void put(String hash, KeyCredential credential, long loadedAtGeneration) {
        byHash.put(hash, credential);
        hashesByKey.computeIfAbsent(credential.principal().keyId(), id -> ConcurrentHashMap.newKeySet()).add(hash);
        if (generation.get() != loadedAtGeneration) {
            byHash.invalidate(hash);
        }
    }

    void putUnknown(String hash, long loadedAtGeneration) {
        unknown.put(hash, Boolean.TRUE);
        if (generation.get() != loadedAtGeneration) {
            unknown.invalidate(hash);
        }
    }

    /** Drops every cached secret of the key; the next validation reads the database. */
    public void invalidate(String keyId) {
        generation.incrementAndGet();
        Set<String> hashes = hashesByKey.remove(keyId);
        if (hashes != null) {
            byHash.invalidateAll(hashes);
        }
    }

    public void invalidateAll() {
        generation.incrementAndGet();
        byHash.invalidateAll();
        unknown.invalidateAll();
        hashesByKey.clear();
    }

    public long size() {
        byHash.cleanUp();
        return byHash.estimatedSize();
    }

    private void forget(String keyId, String hash) {
        hashesByKey.computeIfPresent(keyId, (id, hashes) -> {
            hashes.remove(hash);
            return hashes.isEmpty() ? null : hashes;
        });
    }
}
