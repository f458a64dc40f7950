package io.aihub.keys;

import java.util.List;

/**
 * Which models and gateway endpoints a key may use: glob patterns ({@code *} any run of
 * characters, {@code ?} one character). A null or empty list allows everything. Endpoint names
 * are {@code chat/completions}, {@code completions}, {@code embeddings}, {@code models}; a leading
 * {@code /v1/} (or {@code /}) on a pattern or a name is ignored.
 */
public record KeyPermissions(List<String> models, List<String> endpoints) {

    public static final List<String> ENDPOINTS = List.of("chat/completions", "completions", "embeddings", "models");
    public static final KeyPermissions ALL = new KeyPermissions(List.of(), List.of());

    public KeyPermissions {
        models = models == null ? List.of() : List.copyOf(models);
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    public boolean allowsModel(String model) {
        return model != null && anyMatches(models, model);
    }

    public boolean allowsEndpoint(String endpoint) {
        return endpoint != null && anyMatches(endpoints, normalizeEndpoint(endpoint));
    }

    /** Strips a leading {@code /v1/} or {@code /}, so {@code /v1/chat/completions} and {@code chat/completions} agree. */
    public static String normalizeEndpoint(String endpoint) {
        if (endpoint.startsWith("/v1/")) return endpoint.substring(4);
        if (endpoint.startsWith("v1/")) return endpoint.substring(3);
        if (endpoint.startsWith("/")) return endpoint.substring(1);
        return endpoint;
    }

    private static boolean anyMatches(List<String> patterns, String value) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (String pattern : patterns) {
            if (globMatches(pattern, value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Iterative wildcard match with backtracking to the last {@code *}: linear in practice, no
     * regex compilation or allocation on the gateway's hot path, and no catastrophic backtracking.
     */
    static boolean globMatches(String pattern, String value) {
        int p = 0;
        int v = 0;
        int star = -1;
        int mark = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++mark;
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
