package io.aihub.budgets;

import java.util.List;

/** Published after spend (or a limit) of these budgets changed; alerts re-evaluate them off the request thread. */
public record BudgetSpendChanged(String organizationId, List<String> budgetIds) {
}
