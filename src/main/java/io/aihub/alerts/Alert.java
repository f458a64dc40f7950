package io.aihub.alerts;

import java.math.BigDecimal;
import java.time.Instant;

/** A fired alert. {@code threshold} is the percentage crossed (0 for a projected overspend). */
record Alert(String id, String organizationId, String budgetId, String scope, String scopeId, String type, int threshold,
        Instant periodStart, BigDecimal spend, BigDecimal limit, String message, String deliveryStatus,
        Instant createdAt) {
}
