package io.aihub.cluster;

import io.aihub.budgets.BudgetService;
import io.aihub.usage.UsageService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.validation.annotation.Validated;
import tools.jackson.databind.json.JsonMapper;

/** The usage journal of this instance, its replay at start-up and its retries. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JournalConfiguration.JournalSettings.class)
class JournalConfiguration {

    /**
     * @param dir           this instance's journal directory (AIHUB_JOURNAL_DIR; default {@code <AIHUB_DATA_DIR>/journal});
     *                      one per instance, on a disk that survives a restart of the instance
     * @param retryInterval how often entries the database did not take are written again
     * @param sync          every-append: fsynced before the client sees success (survives a host crash);
     *                      interval: written to the OS before the client sees success (survives the process
     *                      being killed) and fsynced every {@code syncInterval} in the background
     * @param syncInterval  how often the journal is fsynced with {@code sync: interval}
     * @param writeBehind   how often journaled usage records and settlements are written to the database, in
     *                      one batch, off the request threads; zero: on the request thread after the response
     */
    @Validated
    @ConfigurationProperties("aihub.journal")
    record JournalSettings(@NotBlank String dir,
            @DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration retryInterval,
            @DefaultValue("interval") @NotNull UsageJournal.Sync sync,
            @DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration syncInterval,
            @DefaultValue("20ms") @NotNull @DurationMin(millis = 0) Duration writeBehind) {
    }

    @Bean(destroyMethod = "close")
    UsageJournal usageJournal(JournalSettings settings) {
        return new UsageJournal(Path.of(settings.dir()), settings.sync(), settings.syncInterval());
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    DurableUsage durableUsage(UsageJournal journal, UsageService usage, BudgetService budgets, JsonMapper json,
            Clock clock, JournalSettings settings, ObjectProvider<MeterRegistry> registry) {
        return new DurableUsage(journal, usage, budgets, json, clock, settings.retryInterval(), settings.writeBehind(),
                registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** What the previous run left undone (killed, or the database was down) is written before traffic matters. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> usageJournalReplay(DurableUsage durable) {
        return event -> durable.replay(true);
    }

    @Bean
    SchedulingConfigurer usageJournalRetries(DurableUsage durable, JournalSettings settings) {
        return registrar -> registrar.addFixedDelayTask(new FixedDelayTask(() -> durable.replay(false),
                settings.retryInterval(), settings.retryInterval()));
    }
}
