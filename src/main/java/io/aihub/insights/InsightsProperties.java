package io.aihub.insights;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the insights module ({@code aihub.insights.*}).
 *
 * @param anomalyK               an hour is anomalous above median + k x MAD of the baseline
 * @param minBaselineSamples     baseline hours needed to judge (of at most 21: the same hour of day +-1 h on each of
 *                               the last 7 days, counted from the subject's first use)
 * @param minCostStep            smallest MAD used for spend (USD), so a flat baseline does not flag every cent
 * @param minRequestStep         smallest MAD used for request counts
 * @param nearQuotaPercent       a key at or above this share of its monthly request quota is "near quota"
 * @param unusedKeyDays          a key unused this many days is worth revoking
 */
@Validated
@ConfigurationProperties("aihub.insights")
record InsightsProperties(
        @DefaultValue("5") @DecimalMin("0.5") @NotNull BigDecimal anomalyK,
        @DefaultValue("12") @Min(3) @Max(21) int minBaselineSamples,
        @DefaultValue("0.01") @DecimalMin("0") @NotNull BigDecimal minCostStep,
        @DefaultValue("1") @DecimalMin("0") @NotNull BigDecimal minRequestStep,
        @DefaultValue("80") @Min(1) @Max(100) int nearQuotaPercent,
        @DefaultValue("30") @Min(1) @Max(365) int unusedKeyDays) {
}
