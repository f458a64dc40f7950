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
 * @param ledgerFlush   how long a hold or settlement made by the gateway may wait in memory before its ledger
 *                      row is written (batched, off the request thread); zero writes each one at once
 */
@Validated
@ConfigurationProperties("aihub.budgets")
public record BudgetProperties(boolean hardLimits, boolean tracking, boolean alerts, @NotNull Duration holdTimeout,
        @NotNull Duration expirySweep, Duration ledgerFlush) {

    public BudgetProperties {
        if (ledgerFlush == null) {
            ledgerFlush = Duration.ofMillis(20);
        }
        if (ledgerFlush.isNegative() || ledgerFlush.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("aihub.budgets.ledger-flush must be between 0 and 10s");
        }
    }
}
