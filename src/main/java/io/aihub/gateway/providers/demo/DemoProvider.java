package io.aihub.gateway.providers.demo;

import io.aihub.common.Hashing;
import io.aihub.gateway.Endpoint;
import io.aihub.gateway.providers.ChunkStream;
import io.aihub.gateway.providers.ModelProvider;
import io.aihub.gateway.providers.UpstreamFailure;
import io.aihub.gateway.providers.UpstreamRequest;
import io.aihub.gateway.providers.UpstreamResponse;
import io.aihub.pricing.TokenCounter;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The offline demo upstream behind {@code demo/echo} and every {@code demo/*} model. */
@Component
class DemoProvider implements ModelProvider {

    static final String FINGERPRINT = "aihub-demo";
    private static final String TOKENIZER = "demo/echo";
    private static final Pattern WORDS = Pattern.compile("\\s*\\S+|\\s+");

    private final TokenCounter tokens;
    private final JsonMapper json;
    private final Clock clock;

    DemoProvider(TokenCounter tokens, JsonMapper json, Clock clock) {
        this.tokens = tokens;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public boolean supports(Endpoint endpoint) {
        return endpoint != Endpoint.MODELS;
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) throws UpstreamFailure {
        ObjectNode body = request.body();
        String model = body.path("model").asString("demo/echo");
        return switch (request.endpoint()) {
            case CHAT_COMPLETIONS -> chat(body, model, request.stream(), request.maxOutputTokens());
            case COMPLETIONS -> completion(body, model, request.stream(), request.maxOutputTokens());
            case EMBEDDINGS -> embeddings(body, model);
            case MODELS -> throw new UpstreamFailure(UpstreamFailure.Kind.BAD_RESPONSE, "demo does not serve /models");
        };
    }

    private UpstreamResponse chat(ObjectNode body, String model, boolean stream, long maxOutput) {
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return invalid("'messages' must be a non-empty array.", "messages");
        }
        String answer = truncate(lastUserText(messages), maxOutput);
        long prompt = tokens.countChat(TOKENIZER, messages, body.get("tools"));
        String id = "chatcmpl-demo-" + Hashing.sha256Hex(answer).substring(0, 24);
        if (stream) {
            return new UpstreamResponse.Streaming(new DemoChunks(id, model, "chat.completion.chunk", pieces(answer), prompt));
        }
        ObjectNode out = envelope(id, "chat.completion", model);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", answer);
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        usage(out, prompt, tokens.countText(TOKENIZER, answer));
        return new UpstreamResponse.Complete(out);
    }

    private UpstreamResponse completion(ObjectNode body, String model, boolean stream, long maxOutput) {
        JsonNode prompt = body.get("prompt");
        if (prompt == null || !(prompt.isString() || prompt.isArray())) {
            return invalid("'prompt' must be a string or an array.", "prompt");
        }
        String text = truncate(prompt.isString() ? prompt.asString() : prompt.path(0).asString(""), maxOutput);
        long promptTokens = tokens.countRequest(TOKENIZER, body);
        String id = "cmpl-demo-" + Hashing.sha256Hex(text).substring(0, 24);
        if (stream) {
            return new UpstreamResponse.Streaming(new DemoChunks(id, model, "text_completion", pieces(text), promptTokens));
        }
        ObjectNode out = envelope(id, "text_completion", model);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("text", text);
        choice.put("index", 0);
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        usage(out, promptTokens, tokens.countText(TOKENIZER, text));
        return new UpstreamResponse.Complete(out);
    }

    private UpstreamResponse embeddings(ObjectNode body, String model) {
        JsonNode input = body.get("input");
        if (input == null || !(input.isString() || input.isArray())) {
            return invalid("'input' must be a string or an array.", "input");
        }
        List<String> texts = new ArrayList<>();
        if (input.isString()) {
            texts.add(input.asString());
        } else {
            input.forEach(item -> texts.add(item.isString() ? item.asString() : item.toString()));
        }
        int dimensions = body.path("dimensions").asInt(8);
        dimensions = Math.max(1, Math.min(dimensions, 64));
        ObjectNode out = json.createObjectNode();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < texts.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            ArrayNode vector = item.putArray("embedding");
            String hash = Hashing.sha256Hex(texts.get(i));
            for (int d = 0; d < dimensions; d++) {
                int b = Integer.parseInt(hash.substring((d * 2) % 64, (d * 2) % 64 + 2), 16);
                vector.add((b - 127.5) / 127.5);
            }
        }
        out.put("model", model);
        long prompt = tokens.countRequest(TOKENIZER, body);
        ObjectNode usage = out.putObject("usage");
        usage.put("prompt_tokens", prompt);
        usage.put("total_tokens", prompt);
        return new UpstreamResponse.Complete(out);
    }

    private UpstreamResponse invalid(String message, String param) {
        ObjectNode error = json.createObjectNode();
        ObjectNode e = error.putObject("error");
        e.put("message", message);
        e.put("type", "invalid_request_error");
        e.put("param", param);
        e.putNull("code");
        return new UpstreamResponse.Rejected(400, json.writeValueAsBytes(error), "application/json");
    }

    private ObjectNode envelope(String id, String object, String model) {
        ObjectNode out = json.createObjectNode();
        out.put("id", id);
        out.put("object", object);
        out.put("created", clock.instant().getEpochSecond());
        out.put("model", model);
        out.put("system_fingerprint", FINGERPRINT);
        return out;
    }

    private static void usage(ObjectNode out, long prompt, long completion) {
        ObjectNode usage = out.putObject("usage");
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
    }

    /** Caps the echo at the requested output size, a word at a time, so max_tokens is honoured. */
    private String truncate(String text, long maxOutput) {
        if (tokens.countText(TOKENIZER, text) <= maxOutput) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        for (String piece : pieces(text)) {
            if (tokens.countText(TOKENIZER, out + piece) > maxOutput) {
                break;
            }
            out.append(piece);
        }
        return out.toString();
    }

    static String lastUserText(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if ("user".equals(message.path("role").asString(""))) {
                JsonNode content = message.get("content");
                if (content != null && content.isString()) {
                    return content.asString();
                }
                StringBuilder text = new StringBuilder();
                if (content != null && content.isArray()) {
                    for (JsonNode part : content) {
                        if ("text".equals(part.path("type").asString(""))) {
                            text.append(part.path("text").asString(""));
                        }
                    }
                }
                return text.toString();
            }
        }
        return "";
    }

    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = WORDS.matcher(text);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }

    /** The echo, a word per chunk, then a finish chunk and a usage chunk. */
    private final class DemoChunks implements ChunkStream {
        private final String id;
        private final String model;
        private final String object;
        private final List<String> pieces;
        private final long promptTokens;

        DemoChunks(String id, String model, String object, List<String> pieces, long promptTokens) {
            this.id = id;
            this.model = model;
            this.object = object;
            this.pieces = pieces;
            this.promptTokens = promptTokens;
        }

        @Override
        public void forEach(ChunkSink sink) throws IOException {
            boolean chat = object.equals("chat.completion.chunk");
            if (chat) {
                ObjectNode first = chunk();
                ObjectNode delta = first.putArray("choices").addObject().put("index", 0).putObject("delta");
                delta.put("role", "assistant");
                delta.put("content", "");
                sink.accept(first);
            }
            for (String piece : pieces) {
                ObjectNode chunk = chunk();
                ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
                if (chat) {
                    choice.putObject("delta").put("content", piece);
                } else {
                    choice.put("text", piece);
                }
                choice.putNull("finish_reason");
                sink.accept(chunk);
            }
            ObjectNode last = chunk();
            ObjectNode choice = last.putArray("choices").addObject().put("index", 0);
            if (chat) {
                choice.putObject("delta");
            } else {
                choice.put("text", "");
            }
            choice.put("finish_reason", "stop");
            sink.accept(last);
            ObjectNode usage = chunk();
            usage.putArray("choices");
            usage(usage, promptTokens, tokens.countText(TOKENIZER, String.join("", pieces)));
            sink.accept(usage);
        }

        private ObjectNode chunk() {
            ObjectNode chunk = envelope(id, object, model);
            return chunk;
        }

        @Override
        public void close() {
        }
    }
}
