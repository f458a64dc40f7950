package io.aihub.budgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** {@code GET .../budget(s)/usage}: this period's figures, its daily series, closed periods and limit changes. */
public record BudgetUsage(String budgetId, String period, Instant periodStart, Instant periodEnd, BigDecimal limit,
        BigDecimal currentSpend, BigDecimal reserved, BigDecimal remaining, BigDecimal usagePercentage,
        List<BudgetView.DailySpend> dailySpend, List<Period> history, List<LimitChange> limitChanges) {

    public record Period(Instant periodStart, Instant periodEnd, BigDecimal limit, BigDecimal finalSpend,
            BigDecimal peakPercentage) {
    }

    public record LimitChange(Instant changedAt, BigDecimal oldLimit, BigDecimal newLimit, BigDecimal spendAtChange,
            String changedBy) {
    }
}
