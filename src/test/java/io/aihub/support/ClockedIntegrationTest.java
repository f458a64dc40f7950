package io.aihub.support;

import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Like {@link IntegrationTest}, with a hand-moved {@link MutableClock} as the application's clock.
 * Its own Spring context (and database): time here never leaks into the shared context.
 */
@Import(ClockedIntegrationTest.ClockConfig.class)
public abstract class ClockedIntegrationTest extends IntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfig {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-01-15T12:00:00Z"));
        }
    }

    @Autowired
    protected MutableClock clock;

    protected Clock clock() {
        return clock;
    }
}
