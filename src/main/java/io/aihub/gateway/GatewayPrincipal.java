package io.aihub.gateway;

import java.util.List;

/**
 * Who is calling the gateway: an organization API key. {@code modelPatterns} are the key's
 * permitted model globs ({@code *} matches any run of characters; empty = every model), used by
 * {@code GET /v1/models}; enforcement on calls is the keys module's stage.
 */
public record GatewayPrincipal(String organizationId, String teamId, String apiKeyId, String userId,
        List<String> modelPatterns) {

    public GatewayPrincipal {
        modelPatterns = modelPatterns == null ? List.of() : List.copyOf(modelPatterns);
    }

    public boolean mayUse(String model) {
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
