package io.aihub.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which store start-up picks, and that bad settings stop start-up with the setting's name. */
class LimitsConfigurationTests {

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(LimitsConfiguration.class)
            .withBean(Clock.class, Clock::systemUTC)
            .withBean(QuotaSeedSource.class, () -> QuotaSeedSource.NONE);

    @Test
    void withoutARedisUrlTheCountersLiveInProcessAndFailuresCloseByDefault() {
        context.withPropertyValues("aihub.redis.url=").run(app -> {
            assertThat(app).hasNotFailed();
            assertThat(app.getBean(RateLimiter.class)).isInstanceOf(InProcessRateLimiter.class);
            assertThat(app.getBean(QuotaCounter.class)).isInstanceOf(InProcessQuotaCounter.class);
            assertThat(app.getBean(ParallelLimiter.class)).isInstanceOf(InProcessParallelLimiter.class);
            assertThat(app.getBean(StoreFailures.class).policy()).isEqualTo(OnStoreFailure.FAIL_CLOSED);
            assertThat(app).doesNotHaveBean(RedisConnector.class);
        });
    }

    @Test
    void aRedisUrlSelectsTheRedisCountersWithoutNeedingRedisAtStartUp() {
        context.withPropertyValues("aihub.redis.url=redis://127.0.0.1:1", "aihub.gateway.on-store-failure=fail-open")
                .run(app -> {
                    assertThat(app).hasNotFailed();
                    assertThat(app.getBean(RateLimiter.class)).isInstanceOf(RedisRateLimiter.class);
                    assertThat(app.getBean(QuotaCounter.class)).isInstanceOf(RedisQuotaCounter.class);
                    assertThat(app.getBean(ParallelLimiter.class)).isInstanceOf(RedisParallelLimiter.class);
                    assertThat(app.getBean(StoreFailures.class).policy()).isEqualTo(OnStoreFailure.FAIL_OPEN);
                });
    }

    @Test
    void anUnknownFailurePolicyStopsStartUpNamingTheSetting() {
        assertStartUpFailsNaming("aihub.gateway.on-store-failure=sometimes", "aihub.gateway.on-store-failure");
    }

    @Test
    void aRedisUrlThatIsNotRedisStopsStartUpNamingTheSetting() {
        assertStartUpFailsNaming("aihub.redis.url=http://cache:6379", "aihub.redis.url");
    }

    @Test
    void aZeroCommandTimeoutStopsStartUpNamingTheSetting() {
        assertStartUpFailsNaming("aihub.redis.command-timeout=0ms", "aihub.redis.command-timeout");
    }

    @Test
    void aZeroLeaseTtlStopsStartUpNamingTheSetting() {
        assertStartUpFailsNaming("aihub.limits.lease-ttl=0s", "aihub.limits.lease-ttl");
    }

    @Test
    void aReconcileIntervalBelowTenSecondsStopsStartUpNamingTheSetting() {
        assertStartUpFailsNaming("aihub.limits.reconcile-interval=1s", "aihub.limits.reconcile-interval");
    }

    @Test
    void aKeyPrefixOutsideTheAihubNamespaceStopsStartUpNamingTheSetting() {
        assertStartUpFailsNaming("aihub.redis.key-prefix=other:", "aihub.redis.key-prefix");
    }

    @Test
    void theRedisSettingsNeverPrintTheUrlsPassword() {
        context.withPropertyValues("aihub.redis.url=redis://user:s3cret@127.0.0.1:1").run(app -> {
            assertThat(app.getBean(RedisSettings.class).toString()).doesNotContain("s3cret");
        });
    }

    private void assertStartUpFailsNaming(String property, String setting) {
        context.withPropertyValues(property).run(app -> {
            assertThat(app).hasFailed();
            assertThat(messages(app.getStartupFailure())).contains(setting);
        });
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
