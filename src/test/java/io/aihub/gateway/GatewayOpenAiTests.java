package io.aihub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import io.aihub.support.FakeUpstream;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway as clients see it: the official OpenAI Java SDK against the hub, the hub against
 * fake OpenAI-compatible upstreams on loopback.
 */
class GatewayOpenAiTests extends GatewayTest {

    private FakeUpstream upstream;
    private FakeUpstream second;

    @BeforeEach
    void upstreams() {
        upstream = new FakeUpstream();
        second = new FakeUpstream();
    }

    @AfterEach
    void stopUpstreams() {
        upstream.close();
        second.close();
    }

    private OpenAIClient sdk(String token) {
        return OpenAIOkHttpClient.builder().apiKey(token).baseUrl(api.base() + "/v1").maxRetries(0).build();
    }

    private static final String COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-up","service_tier":"default",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hi there"},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,"prompt_tokens_details":{"cached_tokens":4}}}""";

    @Test
    void chatReachesTheUpstreamUnchangedExceptTheModelAndIsBilledFromItsUsage() {
        upstream.script(FakeUpstream.json(200, COMPLETION));
        Map<String, Object> deployment = deployment("openai", upstream.baseUrl(), "gpt-up", "sk-upstream-xyz", 1);
        deployment.put("extra_headers", Map.of("X-Extra", "yes"));
        deployment.put("extra_query", Map.of("api-version", "2024-10-21"));
        String model = model(List.of(deployment));

        ChatCompletion completion = sdk(key).chat().completions().create(ChatCompletionCreateParams.builder()
                .model(model).addUserMessage("Hello").temperature(0.25).build());

        assertThat(completion.model()).isEqualTo(model);
        assertThat(completion.choices().getFirst().message().content()).contains("Hi there");
        FakeUpstream.Received sent = upstream.received().getFirst();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.query()).isEqualTo("api-version=2024-10-21");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-upstream-xyz");
        assertThat(sent.header("X-Extra")).isEqualTo("yes");
        assertThat(sent.body().get("model").asString()).isEqualTo("gpt-up");
        assertThat(sent.body().get("temperature").asDouble()).isEqualTo(0.25);
        assertThat(sent.body().get("messages").get(0).get("content").asString()).isEqualTo("Hello");

        // Unknown fields pass both ways; headers carry the request id and the cost.
        Map<String, Object> raw = chat(model, "Hello");
        raw.put("logprobs", true);
        raw.put("response_format", Map.of("type", "json_object"));
        var response = api.post("/v1/chat/completions", key, raw);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("service_tier").asString()).isEqualTo("default");
        assertThat(upstream.received().getLast().body().get("logprobs").asBoolean()).isTrue();
        assertThat(upstream.received().getLast().body().get("response_format").get("type").asString()).isEqualTo("json_object");
        String requestId = response.header("x-request-id");
        assertThat(requestId).startsWith("req-");
        // 8 uncached × 2.50 + 4 cached × 1.25 + 5 × 10.00 = 75 micro-dollars.
        assertThat(response.header("x-aihub-cost")).isEqualTo("0.000075");
        Usage usage = awaitUsage(requestId);
        assertThat(usage.organizationId()).isEqualTo(orgId);
        assertThat(usage.model()).isEqualTo(model);
        assertThat(usage.endpoint()).isEqualTo("chat.completions");
        assertThat(usage.provider()).isEqualTo("openai");
        assertThat(usage.promptTokens()).isEqualTo(12);
        assertThat(usage.cachedTokens()).isEqualTo(4);
        assertThat(usage.completionTokens()).isEqualTo(5);
        assertThat(usage.cost()).isEqualByComparingTo("0.000075");
        assertThat(usage.outcome()).isEqualTo("success");
    }

    @Test
    void streamingChatRelaysEveryChunkAsksForUsageAndBillsIt() {
        upstream.script(FakeUpstream.sse(List.of(
                FakeUpstream.chunk("Hello"), FakeUpstream.chunk(" streaming"), FakeUpstream.chunk(" world"),
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up\",\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":3,\"total_tokens\":23}}",
                "data: [DONE]"), 0));
        String model = model(List.of(deployment("openai", upstream.baseUrl(), "gpt-up", "sk-1", 1)));

        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = sdk(key).chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model(model).addUserMessage("Hello").build())) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
            });
        }
        assertThat(text.toString()).isEqualTo("Hello streaming world");
        assertThat(chunks).allSatisfy(c -> assertThat(c.model()).isEqualTo(model));
        // The client did not ask for usage: the usage-only chunk the hub asked for is not relayed.
        assertThat(chunks).allSatisfy(c -> assertThat(c.usage()).isEmpty());
        assertThat(upstream.received().getFirst().body().get("stream_options").get("include_usage").asBoolean()).isTrue();

        Usage usage = awaitOnly(); // written after the last byte
        assertThat(usage.promptTokens()).isEqualTo(20);
        assertThat(usage.completionTokens()).isEqualTo(3);
        // 20 × 2.50 + 3 × 10.00 = 80 micro-dollars.
        assertThat(usage.cost()).isEqualByComparingTo("0.00008");
    }

    private Usage awaitOnly() {
        for (int i = 0; i < 500; i++) {
            List<Usage> usages = usagesOf(orgId);
            if (!usages.isEmpty()) {
                return usages.getFirst();
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
    void aStreamWithoutUsageIsBilledByCountingTheRelayedTokens() {
        upstream.script(FakeUpstream.sse(List.of(FakeUpstream.chunk("Hello"), FakeUpstream.chunk(" world"),
                "data: [DONE]"), 0));
        String model = model(List.of(deployment("openai", upstream.baseUrl(), "gpt-4o", "sk-1", 1)));
        Map<String, Object> body = chat(model, "Hi");
        body.put("stream", true);
        body.put("stream_options", Map.of("include_usage", true));

        var response = api.post("/v1/chat/completions", key, body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("text/event-stream");
        assertThat(response.body()).contains("\"Hello\"").contains("\" world\"").endsWith("data: [DONE]\n\n");
        Usage usage = awaitUsage(response.header("x-request-id"));
        // o200k: "Hello", " world" = 2; prompt: 3 (message) + "user" 1 + "Hi" 1 + 3 (reply priming) = 8.
        assertThat(usage.completionTokens()).isEqualTo(2);
        assertThat(usage.promptTokens()).isEqualTo(8);
        assertThat(usage.cost()).isEqualByComparingTo("0.00004"); // 8 × 2.50 + 2 × 10.00 = 40 micro-dollars
    }

    @Test
    void theDemoModelAnswersOfflineWithRealTokenCountsStreamingToo() {
        OpenAIClient client = sdk(key);
        ChatCompletion echo = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("demo/echo").addUserMessage("Say hi").build());
        assertThat(echo.choices().getFirst().message().content()).contains("Say hi");
        // o200k: "Say", " hi" = 2; prompt = 3 + 1 ("user") + 2 + 3 = 9.
        assertThat(echo.usage().orElseThrow().completionTokens()).isEqualTo(2);
        assertThat(echo.usage().orElseThrow().promptTokens()).isEqualTo(9);

        StringBuilder streamed = new StringBuilder();
        try (var stream = client.chat().completions().createStreaming(ChatCompletionCreateParams.builder()
                .model("demo/anything").addUserMessage("one two three").build())) {
            stream.stream().forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(streamed::append)));
        }
        assertThat(streamed.toString()).isEqualTo("one two three");

        CreateEmbeddingResponse embedding = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("demo/echo").input("embed me").build());
        assertThat(embedding.data().getFirst().embedding()).hasSize(8);
        assertThat(embedding.usage().promptTokens()).isEqualTo(2);

        List<String> models = client.models().list().data().stream().map(Model::id).toList();
        assertThat(models).contains("demo/echo");
        // The demo is priced (0.15 / 0.60 per million) so budgets move: 9 × 0.15 + 2 × 0.60 = 2.55 micro-dollars.
        var raw = api.post("/v1/chat/completions", key, chat("demo/echo", "Say hi"));
        assertThat(raw.header("x-aihub-cost")).isEqualTo("0.00000255");
        assertThat(awaitUsage(raw.header("x-request-id")).cost()).isEqualByComparingTo("0.00000255");
    }

    @Test
    void failsOverOn5xxAndRefusedConnectionsToTheNextDeployment() throws IOException {
        upstream.script(FakeUpstream.json(500, "{\"error\":{\"message\":\"boom\"}}"));
        second.script(FakeUpstream.json(200, COMPLETION));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String model = model(List.of(
                deployment("openai", upstream.baseUrl(), "gpt-up", "sk-a", 1000),
                deployment("openai", "http://127.0.0.1:" + closedPort + "/v1", "gpt-up", "sk-b", 1000),
                deployment("openai", second.baseUrl(), "gpt-up", "sk-c", 0)));

        for (int i = 0; i < 3; i++) {
            var response = api.post("/v1/chat/completions", key, chat(model, "Hello"));
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            Usage usage = awaitUsage(response.header("x-request-id"));
            assertThat(usage.deployment()).isEqualTo("openai:gpt-up@127.0.0.1");
            assertThat(usage.statusCode()).isEqualTo(200);
        }
        assertThat(upstream.received()).hasSize(3);
        assertThat(second.received()).hasSize(3);
        assertThat(second.received()).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer sk-c"));
    }

    @Test
    void anUpstream4xxIsRelayedAsIsWithoutFailover() {
        String error = "{\"error\":{\"message\":\"temperature is out of range\",\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":null}}";
        upstream.script(FakeUpstream.json(400, error));
        second.script(FakeUpstream.json(200, COMPLETION));
        String model = model(List.of(deployment("openai", upstream.baseUrl(), "gpt-up", "sk-a", 1),
                deployment("openai", second.baseUrl(), "gpt-up", "sk-b", 0)));

        var response = api.post("/v1/chat/completions", key, chat(model, "Hello"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(error);
        assertThat(second.received()).isEmpty();
        assertThatThrownBy(() -> sdk(key).chat().completions().create(ChatCompletionCreateParams.builder()
                .model(model).addUserMessage("x").build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("temperature is out of range");
        Usage usage = awaitUsage(response.header("x-request-id"));
        assertThat(usage.statusCode()).isEqualTo(400);
        assertThat(usage.outcome()).isEqualTo("error");
        assertThat(usage.cost()).isEqualByComparingTo("0");
    }

    @Test
    void aTimeoutBeforeTheFirstByteFailsOverAndOtherwiseAnswers504() {
        upstream.script(FakeUpstream.delayed(5_000, FakeUpstream.json(200, COMPLETION)));
        second.script(FakeUpstream.json(200, COMPLETION));
        String slowThenFast = model(List.of(deployment("openai", upstream.baseUrl(), "gpt-up", "sk-a", 1),
                deployment("openai", second.baseUrl(), "gpt-up", "sk-b", 0)));
        assertThat(api.post("/v1/chat/completions", key, chat(slowThenFast, "Hello")).status()).isEqualTo(200);

        String slowOnly = model(List.of(deployment("openai", upstream.baseUrl(), "gpt-up", "sk-a", 1)));
        var timedOut = api.post("/v1/chat/completions", key, chat(slowOnly, "Hello"));
        assertThat(timedOut.status()).isEqualTo(504);
        assertThat(timedOut.json().get("error").get("code").asString()).isEqualTo("upstream_timeout");

        second.script(FakeUpstream.json(503, "{}"));
        String failing = model(List.of(deployment("openai", second.baseUrl(), "gpt-up", "sk-b", 1)));
        var failed = api.post("/v1/chat/completions", key, chat(failing, "Hello"));
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.json().get("error").get("code").asString()).isEqualTo("upstream_error");
        assertThat(failed.body()).doesNotContain("sk-b");
        assertThat(awaitUsage(failed.header("x-request-id")).errorCode()).isEqualTo("upstream_error");
    }

    @Test
    void refusalsAreOpenAiErrorsTheSdkUnderstands() {
        assertThatThrownBy(() -> sdk("org_nobody").chat().completions().create(ChatCompletionCreateParams.builder()
                .model("demo/echo").addUserMessage("x").build()))
                .isInstanceOf(UnauthorizedException.class)
                .satisfies(e -> assertThat(((OpenAIServiceException) e).code()).contains("invalid_api_key"));
        TestKey revoked = createApiKey(orgId);
        assertThat(api.post("/api/v1/api-keys/" + revoked.id() + "/revoke", MASTER_KEY, Map.of()).status()).isEqualTo(200);
        assertThatThrownBy(() -> sdk(revoked.secret()).chat().completions().create(
                ChatCompletionCreateParams.builder().model("demo/echo").addUserMessage("x").build()))
                .isInstanceOf(UnauthorizedException.class)
                .satisfies(e -> assertThat(((OpenAIServiceException) e).code()).contains("key_revoked"));
        assertThatThrownBy(() -> sdk(key).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("no-such-model-" + unique()).addUserMessage("x").build()))
                .isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(((OpenAIServiceException) e).code()).contains("model_not_found"));

        var missing = api.post("/v1/chat/completions", null, chat("demo/echo", "x"));
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("x-request-id")).startsWith("req-");
        assertThat(missing.json().get("error").get("type").asString()).isEqualTo("authentication_error");
        var malformed = api.post("/v1/chat/completions", key, "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(malformed.header("x-request-id")).startsWith("req-");
        var noModel = api.post("/v1/chat/completions", key, Map.of("messages", List.of()));
        assertThat(noModel.status()).isEqualTo(400);
        assertThat(noModel.json().get("error").get("param").asString()).isEqualTo("model");
        // Refusals before the upstream leave no usage record.
        assertThat(usagesOf(orgId)).isEmpty();
    }

    @Test
    void theApiKeyMayComeAsXApiKeyAndTheModelListFollowsTheKeysPermissions() {
        var viaHeader = api.send("POST", "/v1/chat/completions", null, chat("demo/echo", "hi"), Map.of("x-api-key", key));
        assertThat(viaHeader.status()).isEqualTo(200);
        model(List.of(deployment("openai", upstream.baseUrl(), "gpt-up", null, 1)));
        String demoOnly = createApiKey(orgId, Map.of("permissions", Map.of("models", List.of("demo/*")))).secret();
        var restricted = api.get("/v1/models", demoOnly);
        assertThat(restricted.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        restricted.json().get("data").forEach(m -> ids.add(m.get("id").asString()));
        assertThat(ids).isNotEmpty().allSatisfy(id -> assertThat(id).startsWith("demo/"));
        var all = api.get("/v1/models", key);
        assertThat(all.json().get("data").size()).isGreaterThan(ids.size());
        assertThat(api.get("/v1/models", null).status()).isEqualTo(401);
    }

    @Test
    void completionsAndEmbeddingsPassThroughToo() {
        upstream.script((exchange, body) -> FakeUpstream.send(exchange, 200, "application/json",
                exchange.getRequestURI().getPath().endsWith("/embeddings")
                        ? "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1,0.2]}],\"model\":\"up\",\"usage\":{\"prompt_tokens\":7,\"total_tokens\":7}}"
                        : "{\"id\":\"cmpl\",\"object\":\"text_completion\",\"created\":1,\"model\":\"up\",\"choices\":[{\"text\":\"done\",\"index\":0,\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}"));
        String model = model(List.of(deployment("openai", upstream.baseUrl(), "up", "sk-1", 1)));
        CreateEmbeddingResponse embedding = sdk(key).embeddings().create(EmbeddingCreateParams.builder()
                .model(model).input("vector please").build());
        assertThat(embedding.data().getFirst().embedding()).containsExactly(0.1f, 0.2f);
        assertThat(embedding.model()).isEqualTo(model);
        Map<String, Object> completion = new LinkedHashMap<>();
        completion.put("model", model);
        completion.put("prompt", "Say done");
        var response = api.post("/v1/completions", key, completion);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("choices").get(0).get("text").asString()).isEqualTo("done");
        assertThat(upstream.received()).extracting(FakeUpstream.Received::path)
                .containsExactly("/v1/embeddings", "/v1/completions");
        Usage usage = awaitUsage(response.header("x-request-id"));
        assertThat(usage.endpoint()).isEqualTo("completions");
        assertThat(usage.cost()).isEqualByComparingTo("0.0000175"); // 3 × 2.50 + 1 × 10.00
    }

    @Test
    void oversizedBodiesAreRefusedWith413DeclaredOrChunked() throws Exception {
        String big = "x".repeat(70_000);
        var declared = api.post("/v1/chat/completions", key, chat("demo/echo", big));
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().get("error").get("code").asString()).isEqualTo("request_too_large");
        assertThat(declared.header("x-request-id")).startsWith("req-");

        byte[] json = io.aihub.support.Api.JSON.writeValueAsBytes(chat("demo/echo", big));
        var chunked = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(api.base() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(json)))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("request_too_large");
    }

    @Test
    void anAzureStyleDeploymentSendsItsKeyInTheApiKeyHeader() {
        upstream.script(FakeUpstream.json(200, COMPLETION));
        Map<String, Object> azure = deployment("openai", upstream.baseUrl() + "/openai/deployments/gpt4o", "gpt-4o", "azure-key-1", 1);
        azure.put("auth_header", "api-key");
        azure.put("extra_query", Map.of("api-version", "2024-10-21"));
        String model = model(List.of(azure));
        assertThat(api.post("/v1/chat/completions", key, chat(model, "Hello")).status()).isEqualTo(200);
        FakeUpstream.Received sent = upstream.received().getFirst();
        assertThat(sent.path()).isEqualTo("/v1/openai/deployments/gpt4o/chat/completions");
        assertThat(sent.header("api-key")).isEqualTo("azure-key-1");
        assertThat(sent.header("Authorization")).isNull();
    }

    @Test
    void anUpstreamThatStallsMidStreamIsCutOffAndBilledForWhatItSent() {
        upstream.script((exchange, body) -> {
            FakeUpstream.sse(List.of(FakeUpstream.chunk("Hello"), FakeUpstream.chunk(" world")), 0).answer(exchange, body);
            Thread.sleep(6_000); // silent for longer than the 3 s test timeout
        });
        String model = model(List.of(deployment("openai", upstream.baseUrl(), "gpt-4o", "sk", 1)));
        Map<String, Object> body = chat(model, "Hi");
        body.put("stream", true);

        var response = api.post("/v1/chat/completions", key, body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\" world\"").contains("upstream_error").endsWith("data: [DONE]\n\n");
        Usage usage = awaitUsage(response.header("x-request-id"));
        assertThat(usage.outcome()).isEqualTo("partial");
        assertThat(usage.errorCode()).isEqualTo("upstream_error");
        assertThat(usage.completionTokens()).isEqualTo(2);
    }
}
