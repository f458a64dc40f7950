package io.aihub.gateway.providers.anthropic;

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
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Chat completions served by Anthropic's Messages API ({@code POST {base_url}/messages}). */
@Component
class AnthropicProvider implements ModelProvider {

    static final String VERSION = "2023-06-01";

    private final UpstreamHttp http;
    private final JsonMapper json;
    private final Clock clock;

    AnthropicProvider(UpstreamHttp http, JsonMapper json, Clock clock) {
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public boolean supports(Endpoint endpoint) {
        return endpoint == Endpoint.CHAT_COMPLETIONS;
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) throws UpstreamFailure {
        Deployment deployment = request.deployment();
        String label = deployment.label();
        ObjectNode body = AnthropicTranslation.request(request.body(), deployment.upstreamModel(),
                request.maxOutputTokens(), request.stream(), json);
        HttpRequest.Builder builder = http.post(UpstreamHttp.uri(deployment, "/messages"), json.writeValueAsBytes(body),
                request.stream(), deployment);
        if (!deployment.extraHeaders().keySet().stream().anyMatch("anthropic-version"::equalsIgnoreCase)) {
            builder.setHeader("anthropic-version", VERSION);
        }
        if (deployment.hasCredential()) {
            String header = deployment.authHeader() == null ? "x-api-key" : deployment.authHeader();
            builder.setHeader(header, header.equals("authorization") ? "Bearer " + deployment.credential()
                    : deployment.credential());
        }
        HttpResponse<InputStream> response = http.exchange(builder.build(), label);
        if (response.statusCode() >= 400) {
            return new UpstreamResponse.Rejected(response.statusCode(), UpstreamHttp.readAll(response.body(), label),
                    response.headers().firstValue("content-type").orElse("application/json"));
        }
        String publicModel = request.body().path("model").asString(deployment.upstreamModel());
        long created = clock.instant().getEpochSecond();
        if (request.stream()) {
            return new UpstreamResponse.Streaming(new AnthropicChunks(response.body(), label, json,
                    new AnthropicStreamTranslator(publicModel, created), http.idleTimeout()));
        }
        byte[] bytes = UpstreamHttp.readAll(response.body(), label);
        try {
            JsonNode message = json.readTree(bytes);
            if (message.isObject() && message.has("content")) {
                return new UpstreamResponse.Complete(AnthropicTranslation.response(message, publicModel, created));
            }
        } catch (JacksonException e) {
            // fall through
        }
        throw new UpstreamFailure(UpstreamFailure.Kind.BAD_RESPONSE, label + " answered with something that is not a message");
    }

    private static final class AnthropicChunks implements ChunkStream {
        private final SseReader reader;
        private final String label;
        private final JsonMapper json;
        private final AnthropicStreamTranslator translator;

        AnthropicChunks(InputStream body, String label, JsonMapper json, AnthropicStreamTranslator translator,
                java.time.Duration idle) {
            this.reader = new SseReader(body, idle);
            this.label = label;
            this.json = json;
            this.translator = translator;
        }

        @Override
        public void forEach(ChunkSink sink) throws IOException, UpstreamFailure {
            try {
                for (SseReader.JsonEvent event; (event = reader.nextJson(json, label)) != null; ) {
                    List<ObjectNode> chunks = translator.onEvent(event.name(), event.data());
                    if (chunks == null) {
                        throw new UpstreamFailure(UpstreamFailure.Kind.BROKEN_STREAM, label + " reported an error mid-stream");
                    }
                    for (ObjectNode chunk : chunks) {
                        sink.accept(chunk);
                    }
                    if ("message_stop".equals(event.name())) {
                        return;
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
