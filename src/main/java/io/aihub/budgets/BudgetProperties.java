package io.aihub.budgets;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code aihub.budgets.*}. The three switches come from {@code BUDGET_HARD_LIMITS}, {@code BUDGET_TRACKING}
 * and {@code BUDGET_ALERTS} (see application.yml).
 *
 * @param hardLimits    false: hard budgets alert but never deny
 * @param tracking      false: settle and recordUsage record no spend
 * @param alerts        false: no alert is evaluated or sent
 * @param holdTimeout   a hold not settled within this is expired and settled at its full amount
 * @param expirySweep   how often the expiry sweeper runs
 */
@Validated
@ConfigurationProperties("aihub.budgets")
public record BudgetProperties(boolean hardLimits, boolean tracking, boolean alerts, @NotNull Duration holdTimeout,
        @NotNull Duration expirySweep) {
}
