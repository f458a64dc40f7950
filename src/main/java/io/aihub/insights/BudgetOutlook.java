package io.aihub.insights;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The budgets of an organization with their projections for the current period. The budgets module
 * implements it.
 */
public interface BudgetOutlook {

    List<BudgetForecast> forecasts(String organizationId, Instant now);

    /** {@code scope}: organization, team or key; {@code scopeId} the team or key id (null for the organization). */
    record BudgetForecast(String budgetId, String scope, String scopeId, BigDecimal limitAmount, BigDecimal currentSpend,
            BigDecimal projectedSpend, Instant periodStart, Instant periodEnd, boolean hardLimit) {
    }
}
