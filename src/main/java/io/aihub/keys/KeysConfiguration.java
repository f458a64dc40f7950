package io.aihub.keys;

import io.aihub.cluster.CacheInvalidation;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain (Spring-free, benchmarkable) cache and validator to the database. */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    @Bean
    KeyCache keyCache(KeysProperties properties, CacheInvalidation invalidation) {
        KeyCache cache = new KeyCache(properties.cacheSize(), properties.cacheTtl(), properties.unknownCacheSize(),
                properties.unknownCacheTtl());
        // Revocation, regeneration and updates on any instance drop the key here (ApiKeyService publishes them).
        invalidation.listen(CacheInvalidation.KEYS, cache::invalidate, cache::invalidateAll);
        return cache;
    }

    @Bean
    KeyValidator keyValidator(KeyCache cache, ApiKeyRepository repository, Clock clock) {
        return new KeyValidator(cache, hash -> repository.findByHash(hash).map(key -> key.credentialFor(hash)), clock);
    }
}
