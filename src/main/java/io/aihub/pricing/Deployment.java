package io.aihub.pricing;

import java.net.URI;
import java.util.Map;

/**
 * One upstream that serves a catalog model. {@code credential} is the decrypted upstream key,
 * held in memory only for the provider call; {@link #toString()} never shows it.
 * {@code authHeader}: {@code authorization} (Bearer, the default), {@code api-key} (Azure OpenAI)
 * or {@code x-api-key} (Anthropic).
 */
public record Deployment(int position, String provider, String baseUrl, String upstreamModel, String credential,
        String authHeader, int weight, Map<String, String> extraHeaders, Map<String, String> extraQuery) {

    public Deployment {
        extraHeaders = extraHeaders == null ? Map.of() : Map.copyOf(extraHeaders);
        extraQuery = extraQuery == null ? Map.of() : Map.copyOf(extraQuery);
    }

    public boolean hasCredential() {
        return credential != null && !credential.isEmpty();
    }

    /** A label for usage records and logs: the upstream model and host, no secrets. */
    public String label() {
        if (baseUrl == null) {
            return provider + ":" + upstreamModel;
        }
        String host;
        try {
            host = URI.create(baseUrl).getHost();
        } catch (IllegalArgumentException e) {
            host = "?";
        }
        return provider + ":" + upstreamModel + "@" + host;
    }

    @Override
    public String toString() {
        return "Deployment[" + label() + ", weight=" + weight + ", credential=" + (hasCredential() ? "***" : "none") + "]";
    }
}
