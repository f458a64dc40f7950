package io.aihub.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A key as the API shows it: never its hash, and its plaintext ({@code api_key}) only in the
 * create and regenerate responses. {@link #toString()} redacts the plaintext so that no debug log
 * of a response object can leak it.
 */
public record ApiKeyView(String id, String organizationId, String teamId, String name, String keyPrefix, String status,
        KeyPermissions permissions, Long monthlyRequestQuota, Long monthlyTokenQuota, Integer rateLimitPerMinute,
        Integer tokensPerMinute, Integer maxParallelRequests, Instant expiresAt, JsonNode metadata, String createdBy,
        Instant createdAt, Instant updatedAt, Instant regeneratedAt, Instant previousKeyValidUntil, Instant revokedAt,
        String revokedBy, Instant lastUsedAt, long requestsThisMonth,
        @JsonInclude(JsonInclude.Include.NON_NULL) String apiKey) {

    @Override
    public String toString() {
        return "ApiKeyView[id=" + id + ", organizationId=" + organizationId + ", name=" + name + ", keyPrefix=" + keyPrefix
                + ", status=" + status + (apiKey == null ? "" : ", apiKey=<redacted>") + "]";
    }
}
