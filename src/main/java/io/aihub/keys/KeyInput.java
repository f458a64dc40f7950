package io.aihub.keys;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Settings as a client sends them, on create and (partially) on update. Unvalidated;
 * {@link KeySettingsRules} turns them into {@link KeySettings} or a 422 naming the field.
 */
public record KeyInput(String name, String teamId, KeyPermissions permissions, Long monthlyRequestQuota,
        Long monthlyTokenQuota, Integer rateLimitPerMinute, Integer tokensPerMinute, Integer maxParallelRequests,
        Instant expiresAt, JsonNode metadata) {
}
