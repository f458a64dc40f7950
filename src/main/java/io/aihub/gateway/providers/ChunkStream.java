package io.aihub.gateway.providers;

import java.io.IOException;

/**
 * The chunks of a streaming answer, pulled one at a time so nothing is buffered. {@link #close}
 * cancels the upstream call (used when the client goes away).
 */
public interface ChunkStream extends AutoCloseable {

    /**
     * Hands each chunk to {@code sink} as it arrives, until the upstream ends the stream.
     *
     * @throws IOException from the sink (the client went away); the upstream is then closed
     * @throws UpstreamFailure when the upstream breaks off mid-stream
     */
    void forEach(ChunkSink sink) throws IOException, UpstreamFailure;

    @Override
    void close();

    @FunctionalInterface
    interface ChunkSink {
        void accept(tools.jackson.databind.node.ObjectNode chunk) throws IOException;
    }
}
