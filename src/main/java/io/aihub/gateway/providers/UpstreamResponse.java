package io.aihub.gateway.providers;

import tools.jackson.databind.node.ObjectNode;

/** An upstream's answer, in OpenAI shape. */
public sealed interface UpstreamResponse {

    /** A whole 2xx JSON body (chat.completion, text_completion, embedding list). */
    record Complete(ObjectNode body) implements UpstreamResponse {
    }

    /** A 2xx stream of chat.completion.chunk (or text_completion) objects. */
    record Streaming(ChunkStream chunks) implements UpstreamResponse {
    }

    /** A 4xx: relayed to the client with its status and body unchanged. */
    record Rejected(int status, byte[] body, String contentType) implements UpstreamResponse {
    }
}
