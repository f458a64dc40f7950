package io.aihub.budgets;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A budget with its live stats, as the API shows it. {@code monthly_limit} appears on monthly budgets
 * only (the seed's field). Amounts are exact decimals.
 */
public record BudgetView(String id, String organizationId, String scope, String teamId, String apiKeyId,
        BigDecimal limit, @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal monthlyLimit, String period,
        boolean hardLimit, List<Integer> alertThresholds, BigDecimal currentSpend, BigDecimal reserved,
        BigDecimal remaining, BigDecimal usagePercentage, BigDecimal projectedSpend, BigDecimal runRateProjectedSpend,
        Instant projectedExhaustionAt, Instant periodStart, Instant periodEnd, List<DailySpend> dailySpend,
        Instant createdAt, Instant updatedAt) {

    public record DailySpend(LocalDate date, BigDecimal spend) {
    }
}
