package io.aihub.keys;

import java.time.Instant;

/**
 * Who is calling the gateway: an organization API key with its settings as of the last write.
 * {@code ownerUserId} is the user who created the key, null when the master key did. Limits are
 * null when unlimited; the gateway enforces them.
 */
public record ApiKeyPrincipal(String keyId, String organizationId, String teamId, String ownerUserId,
        KeyPermissions permissions, Long monthlyRequestQuota, Long monthlyTokenQuota, Integer rateLimitPerMinute,
        Integer tokensPerMinute, Integer maxParallelRequests, Instant expiresAt) {
}
