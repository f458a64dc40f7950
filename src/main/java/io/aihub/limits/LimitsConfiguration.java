package io.aihub.limits;

import io.aihub.usage.UsageService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/**
 * Chooses the counter store once, at start-up: Redis when {@code aihub.redis.url} is set, in process
 * otherwise. The rest of the application only sees {@link RateLimiter}, {@link QuotaCounter} and
 * {@link ParallelLimiter}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LimitsProperties.class, RedisSettings.class, StoreFailureSettings.class})
class LimitsConfiguration {

    @Bean
    StoreFailures storeFailures(StoreFailureSettings settings, ObjectProvider<MeterRegistry> registry, Clock clock) {
        return new StoreFailures(settings.onStoreFailure(), registry.getIfAvailable(SimpleMeterRegistry::new), clock);
    }

    @Bean
    @ConditionalOnMissingBean
    QuotaSeedSource quotaSeedSource(UsageService usage) {
        return new UsageQuotaSeed(usage);
    }

    @Bean
    QuotaReconciler quotaReconciler(QuotaStore quotas, QuotaSeedSource seeds, Clock clock, StoreFailures failures,
            ObjectProvider<MeterRegistry> registry) {
        return new QuotaReconciler(quotas, seeds, clock, failures, registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** Reconciliation runs every interval, the first one interval after start-up (counters start seeded). */
    @Bean
    SchedulingConfigurer quotaReconciliationSchedule(QuotaReconciler reconciler, LimitsProperties limits) {
        return registrar -> registrar.addFixedDelayTask(
                new FixedDelayTask(reconciler::reconcile, limits.reconcileInterval(), limits.reconcileInterval()));
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(RedisAbsent.class)
    static class InProcess {

        @Bean
        RateLimiter rateLimiter(Clock clock, LimitsProperties limits) {
            return new InProcessRateLimiter(clock, limits.maxSubjects());
        }

        @Bean
        QuotaStore quotaCounter(Clock clock, QuotaSeedSource seeds, StoreFailures failures, LimitsProperties limits) {
            return new InProcessQuotaCounter(clock, seeds, failures, limits.maxSubjects(), limits.quotaIdleExpiry());
        }

        @Bean
        ParallelLimiter parallelLimiter(Clock clock, LimitsProperties limits) {
            return new InProcessParallelLimiter(clock, limits.leaseTtl(), limits.maxSubjects());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(RedisPresent.class)
    static class Redis {

        @Bean(destroyMethod = "close")
        RedisConnector redisConnector(RedisSettings redis) {
            return new RedisConnector(redis.url(), redis.commandTimeout(), redis.connectTimeout());
        }

        @Bean
        RateLimiter rateLimiter(RedisConnector connector, RedisSettings redis, Clock clock, StoreFailures failures) {
            return new RedisRateLimiter(connector, new RedisKeys(redis.keyPrefix()), clock, failures);
        }

        @Bean
        QuotaStore quotaCounter(RedisConnector connector, RedisSettings redis, Clock clock, QuotaSeedSource seeds,
                StoreFailures failures) {
            return new RedisQuotaCounter(connector, new RedisKeys(redis.keyPrefix()), clock, seeds, failures);
        }

        @Bean
        ParallelLimiter parallelLimiter(RedisConnector connector, RedisSettings redis, Clock clock,
                LimitsProperties limits, StoreFailures failures) {
            return new RedisParallelLimiter(connector, new RedisKeys(redis.keyPrefix()), clock, limits.leaseTtl(),
                    failures);
        }
    }

    static final class RedisPresent implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("aihub.redis.url");
            return url != null && !url.isBlank();
        }
    }

    static final class RedisAbsent implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new RedisPresent().matches(context, metadata);
        }
    }
}
