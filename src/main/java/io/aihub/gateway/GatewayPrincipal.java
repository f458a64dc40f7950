package io.aihub.gateway;

import io.aihub.keys.ApiKeyPrincipal;
import java.util.List;

/**
 * Who is calling the gateway: an organization API key. {@code modelPatterns} are the key's
 * permitted model globs ({@code *} matches any run of characters; empty = every model), used by
 * {@code GET /v1/models}. {@code userId} is the key's owner (null when the master key created it).
 * {@code key} is the validated key with its permissions and limits, which the authorization and
 * limit stages read; null only for principals built without the keys module (unit tests).
 */
public record GatewayPrincipal(String organizationId, String teamId, String apiKeyId, String userId,
        List<String> modelPatterns, ApiKeyPrincipal key) {

    public GatewayPrincipal {
        modelPatterns = modelPatterns == null ? List.of() : List.copyOf(modelPatterns);
    }

    public GatewayPrincipal(String organizationId, String teamId, String apiKeyId, String userId,
            List<String> modelPatterns) {
        this(organizationId, teamId, apiKeyId, userId, modelPatterns, null);
    }

    public static GatewayPrincipal of(ApiKeyPrincipal key) {
        return new GatewayPrincipal(key.organizationId(), key.teamId(), key.keyId(), key.ownerUserId(),
                key.permissions().models(), key);
    }

    public boolean mayUse(String model) {
        if (key != null) {
            return key.permissions().allowsModel(model);
        }
        if (modelPatterns.isEmpty()) {
            return true;
        }
        for (String pattern : modelPatterns) {
            if (globMatches(pattern, model)) {
                return true;
            }
        }
        return false;
    }

    static boolean globMatches(String pattern, String text) {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
