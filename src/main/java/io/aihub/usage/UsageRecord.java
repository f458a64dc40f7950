package io.aihub.usage;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What one gateway request used and cost. {@code outcome} is {@code success}, {@code error}
 * (upstream failed after being reached) or {@code partial} (a stream cut short, charged for what
 * was produced) or {@code incomplete} (its instance stopped mid-call: charged its budget hold, status 0,
 * error {@code hold_expired}); {@code userId} is the key's owner, {@code endUser} the request's {@code user} field.
 */
public record UsageRecord(
        String requestId,
        String organizationId,
        String teamId,
        String apiKeyId,
        String userId,
        String endUser,
        String model,
        String provider,
        String deployment,
        String endpoint,
        long promptTokens,
        long cachedTokens,
        long completionTokens,
        BigDecimal cost,
        Integer latencyMs,
        Integer ttftMs,
        int statusCode,
        String errorCode,
        String outcome,
        Instant createdAt) {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
