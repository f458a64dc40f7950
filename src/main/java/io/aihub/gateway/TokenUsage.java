package io.aihub.gateway;

import tools.jackson.databind.JsonNode;

/**
 * Token counts of one call. {@code promptTokens} includes {@code cachedTokens} (OpenAI's
 * convention). {@code exact}: reported by the upstream, rather than counted or bounded by the hub.
 */
public record TokenUsage(long promptTokens, long cachedTokens, long completionTokens, boolean exact) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, true);

    /** Reads an OpenAI {@code usage} object (chat, completions, embeddings); null when absent. */
    public static TokenUsage fromOpenAi(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long prompt = usage.path("prompt_tokens").asLong(0);
        long completion = usage.path("completion_tokens").asLong(0);
        if (!usage.has("completion_tokens") && usage.has("total_tokens")) {
            completion = Math.max(0, usage.path("total_tokens").asLong(0) - prompt);
        }
        long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        return new TokenUsage(prompt, Math.min(cached, prompt), completion, true);
    }
}
