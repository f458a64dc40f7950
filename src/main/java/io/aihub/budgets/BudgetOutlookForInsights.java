package io.aihub.budgets;

import io.aihub.insights.BudgetOutlook;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Tells the insights module each budget's limit, spend and projection for the current period (the same
 * figures as the budget routes show), for the "budget projected to run out" recommendation.
 */
@Component
class BudgetOutlookForInsights implements BudgetOutlook {

    private final BudgetService budgets;

    BudgetOutlookForInsights(BudgetService budgets) {
        this.budgets = budgets;
    }

    /** {@code now} is the caller's instant; the figures are as of the budgets' clock (the same clock bean). */
    @Override
    public List<BudgetForecast> forecasts(String organizationId, Instant now) {
        return budgets.budgetsOf(organizationId).stream()
                .map(b -> new BudgetForecast(b.id(), b.scope(), b.teamId() != null ? b.teamId() : b.apiKeyId(), b.limit(),
                        b.currentSpend(), b.projectedSpend(), b.periodStart(), b.periodEnd(), b.hardLimit()))
                .toList();
    }
}
