package io.aihub.budgets;

import io.aihub.limits.RedisConnector;
import io.aihub.limits.RedisSettings;
import io.aihub.limits.StoreFailures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.validation.annotation.Validated;

/**
 * Chooses the budget counter store once, at start-up: Redis (shared by every instance, on the limits
 * module's one connection) when {@code aihub.redis.url} is set, in process otherwise.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BudgetCounterConfiguration.ReconcileSettings.class)
class BudgetCounterConfiguration {

    /**
     * {@code aihub.budgets.reconcile-*}: how often Redis counters are compared with the ledger, and how long a
     * counter must have been left alone before a difference is corrected (longer than any ledger write takes).
     */
    @Validated
    @ConfigurationProperties("aihub.budgets")
    record ReconcileSettings(@DefaultValue("1m") @NotNull Duration reconcileInterval,
            @DefaultValue("30s") @NotNull Duration reconcileQuiet) {
    }

    @Bean
    BudgetCounterStore budgetCounterStore(ObjectProvider<RedisConnector> redis, ObjectProvider<RedisSettings> settings,
            StoreFailures failures, Clock clock, BudgetProperties budgets) {
        RedisConnector connector = redis.getIfAvailable();
        if (connector == null) {
            return new InProcessBudgetCounterStore();
        }
        // A finished hold's registry entry must outlive any retry of its settlement: the hold's expiry, or its
        // instance's restart and journal replay (see RedisBudgetCounterStore).
        return new RedisBudgetCounterStore(connector, settings.getObject().keyPrefix(), failures, clock,
                budgets.holdTimeout().plus(Duration.ofMinutes(10)));
    }

    @Bean
    BudgetCounterReconciler budgetCounterReconciler(BudgetCounterStore store, BudgetService budgets,
            ReconcileSettings settings, StoreFailures failures, Clock clock, ObjectProvider<MeterRegistry> registry) {
        return new BudgetCounterReconciler(store instanceof RedisBudgetCounterStore r ? r : null, budgets.loader,
                settings.reconcileQuiet(), failures, clock, registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    SchedulingConfigurer budgetReconciliationSchedule(BudgetCounterReconciler reconciler, ReconcileSettings settings) {
        return registrar -> registrar.addFixedDelayTask(new FixedDelayTask(reconciler::reconcile,
                settings.reconcileInterval(), settings.reconcileInterval()));
    }
}
