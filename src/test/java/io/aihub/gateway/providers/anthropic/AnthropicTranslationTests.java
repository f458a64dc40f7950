package io.aihub.gateway.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class AnthropicTranslationTests {

    private final JsonMapper json = JsonMapper.builder().build();

    private ObjectNode chat(String body) {
        return (ObjectNode) json.readTree(body);
    }

    @Test
    void imagesStopSequencesAndUserAreTranslatedAndOpenAiOnlyFieldsDropped() {
        ObjectNode out = AnthropicTranslation.request(chat("""
                {"model":"x","n":1,"logprobs":true,"seed":3,"stop":"END","user":"u-42",
                 "messages":[{"role":"developer","content":"Be terse."},{"role":"system","content":[{"type":"text","text":"No emojis."}]},
                  {"role":"user","content":[{"type":"text","text":"What is this?"},
                   {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                   {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}}]}]}"""), "claude-x", 256, false, json);

        assertThat(out.get("system").asString()).isEqualTo("Be terse.\n\nNo emojis.");
        assertThat(out.get("max_tokens").asLong()).isEqualTo(256);
        assertThat(out.get("stop_sequences").get(0).asString()).isEqualTo("END");
        assertThat(out.get("metadata").get("user_id").asString()).isEqualTo("u-42");
        assertThat(out.has("n") || out.has("logprobs") || out.has("seed") || out.has("stream")).isFalse();
        JsonNode content = out.get("messages").get(0).get("content");
        assertThat(content.get(1).get("source").get("type").asString()).isEqualTo("base64");
        assertThat(content.get(1).get("source").get("media_type").asString()).isEqualTo("image/png");
        assertThat(content.get(1).get("source").get("data").asString()).isEqualTo("iVBORw0KGgo=");
        assertThat(content.get(2).get("source").get("url").asString()).isEqualTo("https://example.com/cat.jpg");
    }

    @Test
    void consecutiveToolResultsBecomeOneUserTurn() {
        ObjectNode out = AnthropicTranslation.request(chat("""
                {"messages":[{"role":"user","content":"weather?"},
                 {"role":"assistant","content":null,"tool_calls":[
                   {"id":"a","type":"function","function":{"name":"w","arguments":"{\\"c\\":\\"P\\"}"}},
                   {"id":"b","type":"function","function":{"name":"w","arguments":"not json"}}]},
                 {"role":"tool","tool_call_id":"a","content":"sun"},{"role":"tool","tool_call_id":"b","content":"rain"}]}"""),
                "claude-x", 10, true, json);
        JsonNode messages = out.get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1).get("content")).hasSize(2);
        assertThat(messages.get(1).get("content").get(1).get("input").isObject()).isTrue();
        assertThat(messages.get(2).get("content")).hasSize(2);
        assertThat(messages.get(2).get("content").get(1).get("tool_use_id").asString()).isEqualTo("b");
        assertThat(out.get("stream").asBoolean()).isTrue();
    }

    @Test
    void streamedToolCallsBecomeIndexedToolCallDeltas() {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator("public", 1);
        List<ObjectNode> chunks = new ArrayList<>();
        chunks.addAll(translator.onEvent("message_start", json.readTree(
                "{\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":5,\"cache_creation_input_tokens\":2,\"output_tokens\":1}}}")));
        chunks.addAll(translator.onEvent("content_block_start", json.readTree(
                "{\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"w\",\"input\":{}}}")));
        chunks.addAll(translator.onEvent("content_block_delta", json.readTree(
                "{\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"c\\\":\"}}")));
        chunks.addAll(translator.onEvent("message_delta", json.readTree(
                "{\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":9}}")));
        chunks.addAll(translator.onEvent("message_stop", json.readTree("{}")));

        assertThat(chunks.get(1).at("/choices/0/delta/tool_calls/0/id").asString()).isEqualTo("t1");
        assertThat(chunks.get(1).at("/choices/0/delta/tool_calls/0/index").asInt()).isZero();
        assertThat(chunks.get(2).at("/choices/0/delta/tool_calls/0/function/arguments").asString()).isEqualTo("{\"c\":");
        assertThat(chunks.get(3).at("/choices/0/finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(chunks.get(4).at("/usage/prompt_tokens").asLong()).isEqualTo(7);
        assertThat(chunks.get(4).at("/usage/completion_tokens").asLong()).isEqualTo(9);
        assertThat(translator.onEvent("error", json.readTree("{\"error\":{\"type\":\"overloaded_error\"}}"))).isNull();
    }
}
