package io.aihub.keys;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain (Spring-free, benchmarkable) cache and validator to the database. */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    @Bean
    KeyCache keyCache(KeysProperties properties) {
        return new KeyCache(properties.cacheSize(), properties.cacheTtl(), properties.unknownCacheSize(),
                properties.unknownCacheTtl());
    }

    @Bean
    KeyValidator keyValidator(KeyCache cache, ApiKeyRepository repository, Clock clock) {
        return new KeyValidator(cache, hash -> repository.findByHash(hash).map(key -> key.credentialFor(hash)), clock);
    }
}
