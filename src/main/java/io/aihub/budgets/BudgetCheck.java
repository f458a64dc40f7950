package io.aihub.budgets;

import java.math.BigDecimal;

/** {@code POST .../check}: would a request of {@code estimated_cost} be allowed now. */
record BudgetCheck(boolean allowed, BigDecimal remaining, BigDecimal usagePercentage, String reason) {
}
