package io.aihub.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An alert as the API lists it, with each channel's delivery state. {@code anomaly_id} and {@code metric}
 * appear on anomaly alerts only.
 */
public record AlertView(String id, String organizationId, String budgetId, String scope, String scopeId, String type,
        int threshold, Instant periodStart, BigDecimal spend, BigDecimal limit, String message, String deliveryStatus,
        List<Delivery> deliveries, Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) String anomalyId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String metric) {

    public record Delivery(String channelId, String channel, String status, int attempts, String lastError,
            Instant nextAttemptAt) {
    }
}
