package io.aihub.limits;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the in-process counters and of leases ({@code aihub.limits.*}).
 *
 * @param maxSubjects      subjects (keys) kept in memory per counter kind; beyond it the least recently
 *                         used are evicted (rate windows lose nothing, quotas re-seed from the database)
 * @param quotaIdleExpiry  an untouched in-process quota counter is dropped after this and re-seeded on next use
 * @param leaseTtl         how long an unreleased parallel-request lease blocks its slot (longest expected request)
 * @param reconcileInterval how often quota counters are compared with (and, if below, raised to) the usage records
 */
@Validated
@ConfigurationProperties("aihub.limits")
record LimitsProperties(
        @DefaultValue("100000") @Min(1) @Max(100_000_000) long maxSubjects,
        @DefaultValue("1h") @NotNull @DurationMin(minutes = 1) Duration quotaIdleExpiry,
        @DefaultValue("10m") @NotNull @DurationMin(seconds = 1) Duration leaseTtl,
        @DefaultValue("5m") @NotNull @DurationMin(seconds = 10) Duration reconcileInterval) {
}
