package io.aihub.gateway;

/** The gateway endpoints; {@code wireName} is what usage records and key permissions use. */
public enum Endpoint {
    CHAT_COMPLETIONS("chat.completions", "/chat/completions"),
    COMPLETIONS("completions", "/completions"),
    EMBEDDINGS("embeddings", "/embeddings"),
    MODELS("models", "/models");

    private final String wireName;
    private final String path;

    Endpoint(String wireName, String path) {
        this.wireName = wireName;
        this.path = path;
    }

    public String wireName() {
        return wireName;
    }

    /** The path below an OpenAI-compatible base URL ({@code …/v1}). */
    public String path() {
        return path;
    }
}
