package io.aihub.gateway.providers.anthropic;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI chat ⇄ Anthropic Messages. Translated: system/developer messages (to {@code system}),
 * user/assistant text and image parts, assistant {@code tool_calls} (to {@code tool_use}), tool
 * results, {@code tools}, {@code tool_choice}, {@code temperature}, {@code top_p},
 * {@code stop}, {@code stream}, {@code user} (to {@code metadata.user_id}). OpenAI-only fields
 * Anthropic would refuse ({@code n}, {@code logprobs}, {@code response_format}, penalties, seed…)
 * are not sent. Cache writes are counted as prompt tokens; cache reads as cached tokens.
 */
final class AnthropicTranslation {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnthropicTranslation() {
    }

    static ObjectNode request(ObjectNode chat, String upstreamModel, long maxTokens, boolean stream, JsonMapper json) {
        ObjectNode out = NODES.objectNode();
        out.put("model", upstreamModel);
        out.put("max_tokens", maxTokens);
        List<String> system = new ArrayList<>();
        ArrayNode messages = out.putArray("messages");
        for (JsonNode message : chat.path("messages")) {
            String role = message.path("role").asString("");
            switch (role) {
                case "system", "developer" -> system.add(text(message.get("content")));
                case "user" -> append(messages, "user", contentBlocks(message.get("content")));
                case "assistant" -> {
                    ArrayNode blocks = contentBlocks(message.get("content"));
                    for (JsonNode call : message.path("tool_calls")) {
                        ObjectNode use = blocks.addObject();
                        use.put("type", "tool_use");
                        use.put("id", call.path("id").asString(""));
                        use.put("name", call.path("function").path("name").asString(""));
                        use.set("input", parseArguments(call.path("function").path("arguments").asString("{}"), json));
                    }
                    append(messages, "assistant", blocks);
                }
                case "tool" -> {
                    ArrayNode blocks = NODES.arrayNode();
                    ObjectNode result = blocks.addObject();
                    result.put("type", "tool_result");
                    result.put("tool_use_id", message.path("tool_call_id").asString(""));
                    result.put("content", text(message.get("content")));
                    append(messages, "user", blocks);
                }
                default -> {
                    // unknown roles are not forwarded
                }
            }
        }
        if (!system.isEmpty()) {
            out.put("system", String.join("\n\n", system));
        }
        copy(chat, out, "temperature");
        copy(chat, out, "top_p");
        copy(chat, out, "top_k");
        JsonNode stop = chat.get("stop");
        if (stop != null && stop.isString()) {
            out.putArray("stop_sequences").add(stop.asString());
        } else if (stop != null && stop.isArray()) {
            out.set("stop_sequences", stop);
        }
        if (chat.path("user").isString()) {
            out.putObject("metadata").put("user_id", chat.get("user").asString());
        }
        JsonNode tools = chat.get("tools");
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            ArrayNode translated = out.putArray("tools");
            for (JsonNode tool : tools) {
                JsonNode function = tool.path("function");
                ObjectNode t = translated.addObject();
                t.put("name", function.path("name").asString(""));
                if (function.has("description")) {
                    t.put("description", function.get("description").asString(""));
                }
                JsonNode schema = function.get("parameters");
                t.set("input_schema", schema != null && schema.isObject() ? schema : NODES.objectNode().put("type", "object"));
            }
            JsonNode choice = chat.get("tool_choice");
            if (choice != null) {
                ObjectNode tc = NODES.objectNode();
                if (choice.isString()) {
                    tc.put("type", switch (choice.asString()) {
                        case "required" -> "any";
                        case "none" -> "none";
                        default -> "auto";
                    });
                } else if (choice.path("function").has("name")) {
                    tc.put("type", "tool");
                    tc.put("name", choice.path("function").path("name").asString());
                }
                if (chat.path("parallel_tool_calls").isBoolean() && !chat.get("parallel_tool_calls").asBoolean()
                        && !"none".equals(tc.path("type").asString(""))) {
                    tc.put("disable_parallel_tool_use", true);
                }
                if (!tc.isEmpty()) {
                    out.set("tool_choice", tc);
                }
            }
        }
        if (stream) {
            out.put("stream", true);
        }
        return out;
    }

    /** A Messages API response as an OpenAI chat.completion. */
    static ObjectNode response(JsonNode message, String publicModel, long created) {
        ObjectNode out = NODES.objectNode();
        out.put("id", message.path("id").asString("msg"));
        out.put("object", "chat.completion");
        out.put("created", created);
        out.put("model", publicModel);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode m = choice.putObject("message");
        m.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = NODES.arrayNode();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asString("")) {
                case "text" -> text.append(block.path("text").asString(""));
                case "tool_use" -> {
                    ObjectNode call = toolCalls.addObject();
                    call.put("id", block.path("id").asString(""));
                    call.put("type", "function");
                    ObjectNode function = call.putObject("function");
                    function.put("name", block.path("name").asString(""));
                    function.put("arguments", block.path("input").toString());
                }
                default -> {
                    // thinking and other blocks have no OpenAI equivalent
                }
            }
        }
        if (text.isEmpty() && !toolCalls.isEmpty()) {
            m.putNull("content");
        } else {
            m.put("content", text.toString());
        }
        if (!toolCalls.isEmpty()) {
            m.set("tool_calls", toolCalls);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(message.path("stop_reason").asString(null)));
        out.set("usage", usage(message.path("usage"), message.path("usage").path("output_tokens").asLong(0)));
        return out;
    }

    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn
        };
    }

    /** OpenAI usage from Anthropic's: prompt = input + cache writes + cache reads; cached = cache reads. */
    static ObjectNode usage(JsonNode anthropic, long outputTokens) {
        long cacheRead = anthropic.path("cache_read_input_tokens").asLong(0);
        long prompt = anthropic.path("input_tokens").asLong(0) + anthropic.path("cache_creation_input_tokens").asLong(0)
                + cacheRead;
        ObjectNode usage = NODES.objectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", outputTokens);
        usage.put("total_tokens", prompt + outputTokens);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
        return usage;
    }

    private static void append(ArrayNode messages, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && role.equals(last.path("role").asString())) {
            ((ArrayNode) last.get("content")).addAll(blocks); // Anthropic wants alternating turns
            return;
        }
        ObjectNode message = messages.addObject();
        message.put("role", role);
        message.set("content", blocks);
    }

    private static ArrayNode contentBlocks(JsonNode content) {
        ArrayNode blocks = NODES.arrayNode();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isString()) {
            if (!content.asString().isEmpty()) {
                blocks.addObject().put("type", "text").put("text", content.asString());
            }
            return blocks;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asString("")) {
                case "text" -> blocks.addObject().put("type", "text").put("text", part.path("text").asString(""));
                case "image_url" -> {
                    String url = part.path("image_url").path("url").asString("");
                    ObjectNode image = blocks.addObject();
                    image.put("type", "image");
                    ObjectNode source = image.putObject("source");
                    int comma = url.indexOf(',');
                    if (url.startsWith("data:") && comma > 0 && url.substring(0, comma).endsWith(";base64")) {
                        source.put("type", "base64");
                        source.put("media_type", url.substring(5, url.indexOf(';')));
                        source.put("data", url.substring(comma + 1));
                    } else {
                        source.put("type", "url");
                        source.put("url", url);
                    }
                }
                default -> {
                    // audio and files have no Messages equivalent here
                }
            }
        }
        return blocks;
    }

    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.asString();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                text.append(part.get("text").asString(""));
            }
        }
        return text.toString();
    }

    private static JsonNode parseArguments(String arguments, JsonMapper json) {
        try {
            JsonNode parsed = json.readTree(arguments);
            return parsed.isObject() ? parsed : NODES.objectNode();
        } catch (JacksonException e) {
            return NODES.objectNode();
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        if (from.has(field) && !from.get(field).isNull()) {
            to.set(field, from.get(field));
        }
    }
}
