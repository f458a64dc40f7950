package io.aihub.gateway.providers.anthropic;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns Anthropic stream events into OpenAI chat.completion.chunk objects, one call per event:
 * {@code message_start} → the role chunk; {@code content_block_start} of a tool → a tool-call
 * header; {@code content_block_delta} → text or argument deltas; {@code message_delta} → the
 * finish reason (and the output token count); {@code message_stop} → the usage chunk.
 */
final class AnthropicStreamTranslator {

    private final String publicModel;
    private final long created;
    private String id = "msg";
    private JsonNode startUsage = AnthropicTranslation.NODES.objectNode();
    private long outputTokens;
    private int toolIndex = -1;

    AnthropicStreamTranslator(String publicModel, long created) {
        this.publicModel = publicModel;
        this.created = created;
    }

    /** The chunks for one event (often none); an {@code error} event yields null. */
    List<ObjectNode> onEvent(String name, JsonNode data) {
        String type = name != null ? name : data.path("type").asString("");
        switch (type) {
            case "message_start" -> {
                JsonNode message = data.path("message");
                id = message.path("id").asString(id);
                startUsage = message.path("usage");
                outputTokens = startUsage.path("output_tokens").asLong(0);
                ObjectNode chunk = chunk();
                ObjectNode delta = choice(chunk).putObject("delta");
                delta.put("role", "assistant");
                delta.put("content", "");
                return List.of(chunk);
            }
            case "content_block_start" -> {
                JsonNode block = data.path("content_block");
                if ("tool_use".equals(block.path("type").asString(""))) {
                    toolIndex++;
                    ObjectNode chunk = chunk();
                    ObjectNode call = toolCalls(choice(chunk).putObject("delta"));
                    call.put("id", block.path("id").asString(""));
                    call.put("type", "function");
                    call.putObject("function").put("name", block.path("name").asString("")).put("arguments", "");
                    return List.of(chunk);
                }
                return List.of();
            }
            case "content_block_delta" -> {
                JsonNode delta = data.path("delta");
                String kind = delta.path("type").asString("");
                if (kind.equals("text_delta")) {
                    ObjectNode chunk = chunk();
                    choice(chunk).putObject("delta").put("content", delta.path("text").asString(""));
                    return List.of(chunk);
                }
                if (kind.equals("input_json_delta")) {
                    ObjectNode chunk = chunk();
                    toolCalls(choice(chunk).putObject("delta")).putObject("function")
                            .put("arguments", delta.path("partial_json").asString(""));
                    return List.of(chunk);
                }
                return List.of();
            }
            case "message_delta" -> {
                outputTokens = data.path("usage").path("output_tokens").asLong(outputTokens);
                String stop = data.path("delta").path("stop_reason").asString(null);
                if (stop == null) {
                    return List.of();
                }
                ObjectNode chunk = chunk();
                ObjectNode choice = choice(chunk);
                choice.putObject("delta");
                choice.put("finish_reason", AnthropicTranslation.finishReason(stop));
                return List.of(chunk);
            }
            case "message_stop" -> {
                ObjectNode chunk = chunk();
                chunk.putArray("choices");
                chunk.set("usage", AnthropicTranslation.usage(startUsage, outputTokens));
                return List.of(chunk);
            }
            case "error" -> {
                return null;
            }
            default -> {
                return List.of(); // ping, content_block_stop
            }
        }
    }

    private ObjectNode chunk() {
        ObjectNode chunk = AnthropicTranslation.NODES.objectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", publicModel);
        return chunk;
    }

    private static ObjectNode choice(ObjectNode chunk) {
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        return choice;
    }

    private ObjectNode toolCalls(ObjectNode delta) {
        ArrayNode calls = delta.putArray("tool_calls");
        ObjectNode call = calls.addObject();
        call.put("index", Math.max(toolIndex, 0));
        return call;
    }
}
