package io.aihub.budgets;

import java.math.BigDecimal;

/** A request's actual cost, to settle its hold at (or to record as spend when no hold reached the ledger). */
public record Settlement(BudgetScope scope, String requestId, BigDecimal cost) {
}
