package io.aihub.keys;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the keys module ({@code aihub.keys.*}).
 *
 * @param cacheSize         most validated secrets kept in memory
 * @param cacheTtl          how long a cached secret is trusted without a write having invalidated it
 *                          (the bound on staleness when another instance wrote and no pub/sub told us)
 * @param unknownCacheSize  most unknown secret hashes remembered (shields the database from guessing)
 * @param unknownCacheTtl   how long an unknown hash is remembered
 * @param lastUsedFlush     how often coalesced {@code last_used_at} updates are written
 * @param idempotencyTtl    how long an Idempotency-Key response is replayed
 */
@Validated
@ConfigurationProperties("aihub.keys")
record KeysProperties(
        @Min(1) Long cacheSize,
        @NotNull Duration cacheTtl,
        @Min(1) Long unknownCacheSize,
        @NotNull Duration unknownCacheTtl,
        @NotNull Duration lastUsedFlush,
        @NotNull Duration idempotencyTtl) {

    KeysProperties {
        cacheSize = cacheSize == null ? 500_000L : cacheSize;
        cacheTtl = cacheTtl == null ? Duration.ofMinutes(5) : cacheTtl;
        unknownCacheSize = unknownCacheSize == null ? 100_000L : unknownCacheSize;
        unknownCacheTtl = unknownCacheTtl == null ? Duration.ofSeconds(30) : unknownCacheTtl;
        lastUsedFlush = lastUsedFlush == null ? Duration.ofSeconds(5) : lastUsedFlush;
        idempotencyTtl = idempotencyTtl == null ? Duration.ofHours(24) : idempotencyTtl;
    }
}
