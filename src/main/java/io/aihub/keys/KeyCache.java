package io.aihub.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.time.Duration;
import java.time.Instant;
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

    /**
     * A cached credential with its answer precomputed: until {@code fastUntilMillis} the answer is
     * {@code verdict} without looking further; after it, the validator judges the credential exactly.
     */
    record Entry(KeyCredential credential, KeyValidation verdict, long fastUntilMillis) {

        static Entry of(KeyCredential credential, KeyValidation verdict) {
            long until = Long.MAX_VALUE;
            if (credential.revokedAt() == null) {
                until = Math.min(floorMillis(credential.principal().expiresAt()), floorMillis(credential.graceUntil()));
            }
            return new Entry(credential, verdict, until);
        }

        private static long floorMillis(Instant instant) {
            return instant == null ? Long.MAX_VALUE : instant.toEpochMilli();
        }
    }

    private final Cache<SecretHash, Entry> byHash;
    private final Cache<SecretHash, Boolean> unknown;
    private final ConcurrentHashMap<String, Set<SecretHash>> hashesByKey = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public KeyCache(long maximumSize, Duration ttl, long unknownMaximumSize, Duration unknownTtl) {
        this.byHash = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(ttl)
                .executor(Runnable::run)
                .<SecretHash, Entry>removalListener((hash, entry, cause) -> {
                    if (hash != null && entry != null && cause != RemovalCause.REPLACED) {
                        forget(entry.credential().principal().keyId(), hash);
                    }
                })
                .build();
        this.unknown = Caffeine.newBuilder().maximumSize(unknownMaximumSize).expireAfterWrite(unknownTtl).build();
    }

    Entry get(SecretHash hash) {
        return byHash.getIfPresent(hash);
    }

    boolean isUnknown(SecretHash hash) {
        return unknown.getIfPresent(hash) != null;
    }

    long generation() {
        return generation.get();
    }

    void put(SecretHash hash, Entry entry, long loadedAtGeneration) {
        byHash.put(hash, entry);
        hashesByKey.computeIfAbsent(entry.credential().principal().keyId(), id -> ConcurrentHashMap.newKeySet()).add(hash);
        if (generation.get() != loadedAtGeneration) {
            byHash.invalidate(hash);
        }
    }

    void putUnknown(SecretHash hash, long loadedAtGeneration) {
        unknown.put(hash, Boolean.TRUE);
        if (generation.get() != loadedAtGeneration) {
            unknown.invalidate(hash);
        }
    }

    /** Drops every cached secret of the key; the next validation reads the database. */
    public void invalidate(String keyId) {
        generation.incrementAndGet();
        Set<SecretHash> hashes = hashesByKey.remove(keyId);
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

    private void forget(String keyId, SecretHash hash) {
        hashesByKey.computeIfPresent(keyId, (id, hashes) -> {
            hashes.remove(hash);
            return hashes.isEmpty() ? null : hashes;
        });
    }
}
