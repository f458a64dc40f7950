package io.aihub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.aihub.support.FakeUpstream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenAI clients talking to a model served by (a fake of) Anthropic's Messages API. */
class GatewayAnthropicTests extends GatewayTest {

    private FakeUpstream anthropic;
    private OpenAIClient sdk;

    @BeforeEach
    void fake() {
        anthropic = new FakeUpstream();
        sdk = OpenAIOkHttpClient.builder().apiKey(key).baseUrl(api.base() + "/v1").maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    @Test
    void aChatIsTranslatedToTheMessagesApiAndBack() {
        anthropic.script(FakeUpstream.json(200, """
                {"id":"msg_01","type":"message","role":"assistant","model":"claude-x",
                 "content":[{"type":"text","text":"Bonjour"}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":20,"cache_read_input_tokens":10,"cache_creation_input_tokens":0,"output_tokens":3}}"""));
        String model = model(List.of(deployment("anthropic", anthropic.baseUrl(), "claude-x", "sk-ant-123", 1)));

        ChatCompletion completion = sdk.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(model).addSystemMessage("Answer in French.").addUserMessage("Hello").maxCompletionTokens(50)
                .temperature(0.5).build());

        assertThat(completion.choices().getFirst().message().content()).contains("Bonjour");
        assertThat(completion.choices().getFirst().finishReason()).hasToString("stop");
        assertThat(completion.model()).isEqualTo(model);
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(30);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(3);
        FakeUpstream.Received sent = anthropic.received().getFirst();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo("sk-ant-123");
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.header("Authorization")).isNull();
        assertThat(sent.body().get("model").asString()).isEqualTo("claude-x");
        assertThat(sent.body().get("system").asString()).isEqualTo("Answer in French.");
        assertThat(sent.body().get("max_tokens").asLong()).isEqualTo(50);
        assertThat(sent.body().get("temperature").asDouble()).isEqualTo(0.5);
        assertThat(sent.body().get("messages")).hasSize(1);
        assertThat(sent.body().get("messages").get(0).get("content").get(0).get("text").asString()).isEqualTo("Hello");

        var raw = api.post("/v1/chat/completions", key, chat(model, "Hello"));
        // 20 uncached × 2.50 + 10 cached × 1.25 + 3 × 10.00 = 92.5 micro-dollars
        assertThat(raw.header("x-aihub-cost")).isEqualTo("0.0000925");
        // Without max_tokens the model's max output (1000 here) is sent: Anthropic requires one.
        assertThat(anthropic.received().getLast().body().get("max_tokens").asLong()).isEqualTo(1000);
        assertThat(awaitUsage(raw.header("x-request-id")).cachedTokens()).isEqualTo(10);
    }

    @Test
    void aStreamIsTranslatedEventByEventWithUsage() {
        anthropic.script(FakeUpstream.sse(List.of(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_02\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-x\",\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "event: ping\ndata: {\"type\":\"ping\"}",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" there\"}}",
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":7}}",
                "event: message_stop\ndata: {\"type\":\"message_stop\"}"), 0));
        String model = model(List.of(deployment("anthropic", anthropic.baseUrl(), "claude-x", "sk-ant", 1)));

        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (var stream = sdk.chat().completions().createStreaming(ChatCompletionCreateParams.builder().model(model)
                .addUserMessage("Hi").streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions
                        .builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunks::add);
        }
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
        assertThat(text.toString()).isEqualTo("Hello there");
        assertThat(chunks).anySatisfy(c -> assertThat(c.choices()).anySatisfy(
                ch -> assertThat(ch.finishReason().map(Object::toString)).contains("length")));
        var usage = chunks.getLast().usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(25);
        assertThat(usage.completionTokens()).isEqualTo(7);
        assertThat(anthropic.received().getFirst().body().get("stream").asBoolean()).isTrue();
        assertThat(usagesOfEventually()).isEqualTo(7);
    }

    private long usagesOfEventually() {
        for (int i = 0; i < 500; i++) {
            var usages = usagesOf(orgId);
            if (!usages.isEmpty()) {
                return usages.getFirst().completionTokens();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no usage record");
    }

    @Test
    void toolCallsAndResultsRoundTrip() {
        anthropic.script(FakeUpstream.json(200, """
                {"id":"msg_03","type":"message","role":"assistant","model":"claude-x",
                 "content":[{"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Paris"}}],
                 "stop_reason":"tool_use","usage":{"input_tokens":50,"output_tokens":12}}"""));
        String model = model(List.of(deployment("anthropic", anthropic.baseUrl(), "claude-x", "sk-ant", 1)));
        Map<String, Object> body = Map.of("model", model,
                "messages", List.of(
                        Map.of("role", "user", "content", "Weather in Paris and Rome?"),
                        Map.of("role", "assistant", "content", "", "tool_calls", List.of(Map.of("id", "toolu_0", "type", "function",
                                "function", Map.of("name", "weather", "arguments", "{\"city\":\"Rome\"}")))),
                        Map.of("role", "tool", "tool_call_id", "toolu_0", "content", "sunny")),
                "tools", List.of(Map.of("type", "function", "function", Map.of("name", "weather", "description", "Weather",
                        "parameters", Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")))))),
                "tool_choice", "required");

        var response = api.post("/v1/chat/completions", key, body);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var message = response.json().get("choices").get(0).get("message");
        assertThat(message.get("tool_calls").get(0).get("function").get("name").asString()).isEqualTo("weather");
        assertThat(message.get("tool_calls").get(0).get("function").get("arguments").asString()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(response.json().get("choices").get(0).get("finish_reason").asString()).isEqualTo("tool_calls");
        var sent = anthropic.received().getFirst().body();
        assertThat(sent.get("tools").get(0).get("input_schema").get("type").asString()).isEqualTo("object");
        assertThat(sent.get("tool_choice").get("type").asString()).isEqualTo("any");
        assertThat(sent.get("messages").get(1).get("content").get(0).get("type").asString()).isEqualTo("tool_use");
        assertThat(sent.get("messages").get(1).get("content").get(0).get("input").get("city").asString()).isEqualTo("Rome");
        assertThat(sent.get("messages").get(2).get("role").asString()).isEqualTo("user");
        assertThat(sent.get("messages").get(2).get("content").get(0).get("type").asString()).isEqualTo("tool_result");
    }

    @Test
    void anthropicErrorsAreRelayedAndOverloadFailsOver() {
        anthropic.script(FakeUpstream.json(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens too large\"}}"));
        String model = model(List.of(deployment("anthropic", anthropic.baseUrl(), "claude-x", "sk-ant", 1)));
        var refused = api.post("/v1/chat/completions", key, chat(model, "Hi"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").get("message").asString()).isEqualTo("max_tokens too large");

        try (FakeUpstream healthy = new FakeUpstream()) {
            anthropic.script(FakeUpstream.json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
            healthy.script(FakeUpstream.json(200, "{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}"));
            String failover = model(List.of(deployment("anthropic", anthropic.baseUrl(), "claude-x", "sk-ant", 1),
                    deployment("anthropic", healthy.baseUrl(), "claude-x", "sk-ant-2", 0)));
            var ok = api.post("/v1/chat/completions", key, chat(failover, "Hi"));
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.json().get("choices").get(0).get("message").get("content").asString()).isEqualTo("ok");
        }
        // Anthropic serves chat only.
        var embeddings = api.post("/v1/embeddings", key, Map.of("model", model, "input", "x"));
        assertThat(embeddings.status()).isEqualTo(400);
        assertThat(embeddings.json().get("error").get("param").asString()).isEqualTo("model");
    }
}
