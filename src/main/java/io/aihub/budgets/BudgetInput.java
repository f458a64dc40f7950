package io.aihub.budgets;

import java.math.BigDecimal;
import java.util.List;

/**
 * Body of create and update. On update, absent fields keep their value. {@code monthly_limit} is the
 * seed's name for the limit of a monthly budget.
 */
public record BudgetInput(BigDecimal limit, BigDecimal monthlyLimit, String period, Boolean hardLimit,
        List<Integer> alertThresholds) {
}
