package io.aihub.gateway.providers.openai;

import io.aihub.gateway.Endpoint;
import io.aihub.gateway.providers.ChunkStream;
import io.aihub.gateway.providers.ModelProvider;
import io.aihub.gateway.providers.SseReader;
import io.aihub.gateway.providers.UpstreamFailure;
import io.aihub.gateway.providers.UpstreamHttp;
import io.aihub.gateway.providers.UpstreamRequest;
import io.aihub.gateway.providers.UpstreamResponse;
import io.aihub.pricing.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI protocol: {@code POST {base_url}/chat/completions|completions|embeddings} with
 * {@code Authorization: Bearer <credential>} (or Azure's {@code api-key}, per the deployment's
 * {@code auth_header}). The body goes out as the client sent it (model already swapped); the
 * answer comes back as parsed JSON or, for streams, one chunk per SSE {@code data:} event.
 */
@Component
class OpenAiProvider implements ModelProvider {

    private final UpstreamHttp http;
    private final JsonMapper json;

    OpenAiProvider(UpstreamHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public boolean supports(Endpoint endpoint) {
        return endpoint != Endpoint.MODELS;
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) throws UpstreamFailure {
        Deployment deployment = request.deployment();
        String label = deployment.label();
        HttpRequest.Builder builder = http.post(UpstreamHttp.uri(deployment, request.endpoint().path()),
                json.writeValueAsBytes(request.body()), request.stream(), deployment);
        if (deployment.hasCredential()) {
            String header = deployment.authHeader() == null ? "authorization" : deployment.authHeader();
            builder.setHeader(header, header.equals("authorization") ? "Bearer " + deployment.credential()
                    : deployment.credential());
        }
        HttpResponse<InputStream> response = http.exchange(builder.build(), label);
        if (response.statusCode() >= 400) {
            return new UpstreamResponse.Rejected(response.statusCode(), UpstreamHttp.readAll(response.body(), label),
                    response.headers().firstValue("content-type").orElse("application/json"));
        }
        boolean eventStream = response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream");
        if (request.stream() && eventStream) {
            return new UpstreamResponse.Streaming(new OpenAiChunks(response.body(), label, json, http.idleTimeout()));
        }
        byte[] body = UpstreamHttp.readAll(response.body(), label);
        try {
            JsonNode node = json.readTree(body);
            if (node instanceof ObjectNode object) {
                return new UpstreamResponse.Complete(object);
            }
        } catch (JacksonException e) {
            // fall through
        }
        throw new UpstreamFailure(UpstreamFailure.Kind.BAD_RESPONSE, label + " answered with something that is not a JSON object");
    }

    /** Each {@code data:} event is one chunk; {@code [DONE]} ends the stream. */
    private static final class OpenAiChunks implements ChunkStream {
        private final SseReader reader;
        private final String label;
        private final JsonMapper json;

        OpenAiChunks(InputStream body, String label, JsonMapper json, java.time.Duration idle) {
            this.reader = new SseReader(body, idle);
            this.label = label;
            this.json = json;
        }

        @Override
        public void forEach(ChunkSink sink) throws IOException, UpstreamFailure {
            try {
                for (SseReader.JsonEvent event; (event = reader.nextJson(json, label)) != null; ) {
                    if (event.data() instanceof ObjectNode object) {
                        if (object.has("error") && !object.has("choices")) {
                            throw new UpstreamFailure(UpstreamFailure.Kind.BROKEN_STREAM, label + " reported an error mid-stream");
                        }
                        sink.accept(object);
                    }
                }
            } finally {
                close();
            }
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
