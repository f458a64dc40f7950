package io.aihub.alerts;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A fired alert. {@code threshold} is the percentage crossed (0 for a projected overspend or an anomaly).
 * For an {@code anomaly}: {@code budgetId} is the organization's budget (null without one), {@code periodStart}
 * the hour judged, {@code spend} the observed value and {@code limit} the anomaly threshold, in the unit of
 * {@code metric} (cost in USD, or requests); {@code incidentId} is the anomaly's id ("" for budget alerts).
 */
record Alert(String id, String organizationId, String budgetId, String scope, String scopeId, String type, int threshold,
        Instant periodStart, BigDecimal spend, BigDecimal limit, String message, String deliveryStatus,
        Instant createdAt, String incidentId, String metric) {

    static final String ANOMALY = "anomaly";
}
