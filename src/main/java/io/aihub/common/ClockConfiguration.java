package io.aihub.common;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One clock for the whole application, so tests can move time (periods, expiry) at will. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** Ticks in microseconds: the finest precision H2 and PostgreSQL both store, so what we return is what we keep. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
