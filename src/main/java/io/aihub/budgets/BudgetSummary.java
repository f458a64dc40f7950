package io.aihub.budgets;

import io.aihub.usage.Spender;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** {@code GET .../summary}: spend, projections, the trend against the previous period and top spenders. */
public record BudgetSummary(BudgetView budget, BigDecimal spend, BigDecimal projectedSpend, BigDecimal runRateProjectedSpend,
        Instant projectedExhaustionAt, Trend trend, List<BudgetView.DailySpend> dailySpend, List<Spender> topKeys,
        List<Spender> topTeams, List<Spender> topModels) {

    /** {@code change_percentage} is null when the previous period spent nothing. */
    public record Trend(BigDecimal previousPeriodSpend, Instant previousPeriodStart, BigDecimal changePercentage) {
    }
}
