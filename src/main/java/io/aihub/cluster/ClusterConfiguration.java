package io.aihub.cluster;

import io.aihub.limits.RedisConnector;
import io.aihub.limits.RedisSettings;
import io.aihub.limits.StoreFailures;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

/** Cache coherence over Redis when {@code aihub.redis.url} is set (the limits module's connection), else in process. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterConfiguration.ClusterSettings.class)
class ClusterConfiguration {

    /** @param versionCheck how often each instance compares cache versions with Redis (the safety net for lost messages) */
    @Validated
    @ConfigurationProperties("aihub.cluster")
    record ClusterSettings(@DefaultValue("2s") @NotNull @DurationMin(millis = 100) Duration versionCheck) {
    }

    @Bean
    CacheInvalidation cacheInvalidation(ObjectProvider<RedisConnector> redis, ObjectProvider<RedisSettings> redisSettings,
            ClusterSettings settings, StoreFailures failures) {
        RedisConnector connector = redis.getIfAvailable();
        if (connector == null) {
            return new LocalCacheInvalidation();
        }
        return new RedisCacheInvalidation(connector, redisSettings.getObject().keyPrefix(), settings.versionCheck(),
                failures);
    }
}
