package io.aihub.budgets;

import io.aihub.usage.Spender;
import io.aihub.usage.UsageTrends;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET .../summary}: spend, projections, the trend against the previous period, top spenders, and the
 * scope's usage trends ({@code usage_trends}: day over day, week over week, monthly run rate, from the usage
 * rollups; they count usage records, so they include spend no budget was charged for).
 */
public record BudgetSummary(BudgetView budget, BigDecimal spend, BigDecimal projectedSpend, BigDecimal runRateProjectedSpend,
        Instant projectedExhaustionAt, Trend trend, List<BudgetView.DailySpend> dailySpend, List<Spender> topKeys,
        List<Spender> topTeams, List<Spender> topModels, UsageTrends usageTrends) {

    /** {@code change_percentage} is null when the previous period spent nothing. */
    public record Trend(BigDecimal previousPeriodSpend, Instant previousPeriodStart, BigDecimal changePercentage) {
    }
}
