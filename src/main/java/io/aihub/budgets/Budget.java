package io.aihub.budgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A budget row; {@code periodStart} is the period the row describes, possibly already over (closed lazily). */
record Budget(String id, String organizationId, ScopeType scopeType, String scopeId, BigDecimal limit,
        BudgetPeriod period, boolean hardLimit, List<Integer> alertThresholds, Instant periodStart,
        BigDecimal peakPercentage, String createdBy, Instant createdAt, Instant updatedAt) {

    Budget withPeriodStart(Instant start, BigDecimal peak) {
        return new Budget(id, organizationId, scopeType, scopeId, limit, period, hardLimit, alertThresholds, start, peak,
                createdBy, createdAt, updatedAt);
    }
}
