package io.aihub.keys;

import io.aihub.support.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the application clock with a {@link MutableClock} in the keys tests' own context. */
@TestConfiguration(proxyBeanMethods = false)
class MovableTimeConfiguration {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }
}
