package io.aihub.insights;

import java.time.Instant;
import java.util.List;

/** Used while no {@link BudgetOutlook} bean exists (budgets module not in this build): knows no budgets. */
final class BudgetOutlookUnavailable implements BudgetOutlook {

    @Override
    public List<BudgetForecast> forecasts(String organizationId, Instant now) {
        return List.of();
    }
}
