package io.aihub.keys;

import java.time.Instant;

/** The validated, updatable settings of a key; {@code metadata} is JSON object text or null. */
record KeySettings(String name, String teamId, KeyPermissions permissions, Long monthlyRequestQuota,
        Long monthlyTokenQuota, Integer rateLimitPerMinute, Integer tokensPerMinute, Integer maxParallelRequests,
        Instant expiresAt, String metadata) {
}
