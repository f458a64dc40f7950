package io.aihub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.aihub.support.FakeUpstream;
import io.aihub.support.SeamProbeStage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What a governance stage (budgets, limits) can rely on: the estimate, refusals, max_tokens caps, the outcome. */
class GovernanceSeamTests extends GatewayTest {

    @Autowired
    SeamProbeStage probe;

    private Map<String, Object> probed(String model, String text, String user) {
        Map<String, Object> body = chat(model, text);
        body.put("user", user);
        return body;
    }

    @Test
    void aStageSeesTheWorstCaseEstimateAndItsAfterGetsTheActualCost() {
        String user = "probe-estimate-" + unique();
        Map<String, Object> body = probed("demo/echo", "Say hi", user);
        body.put("max_tokens", 100);
        var response = api.post("/v1/chat/completions", key, body);
        assertThat(response.status()).isEqualTo(200);

        var estimate = probe.estimates.get(user);
        // prompt 9 (3 + "user" + "Say hi" 2 + 3) at 0.15 plus 100 output at 0.60 per million
        assertThat(estimate.promptTokens()).isEqualTo(9);
        assertThat(estimate.maxOutputTokens()).isEqualTo(100);
        assertThat(estimate.cost()).isEqualByComparingTo("0.00006135");
        Outcome outcome = awaitOutcome(user);
        assertThat(outcome.result()).isEqualTo("success");
        assertThat(outcome.cost()).isEqualByComparingTo(new BigDecimal(response.header("x-aihub-cost")));
        assertThat(outcome.cost()).isLessThanOrEqualTo(estimate.cost());
    }

    @Test
    void aRefusalIsTheStagesErrorAndNothingIsForwarded() {
        try (FakeUpstream upstream = new FakeUpstream()) {
            String model = model(List.of(deployment("openai", upstream.baseUrl(), "gpt-4o", "sk", 1)));
            var refused = api.post("/v1/chat/completions", key, probed(model, "hello", "probe-deny"));
            assertThat(refused.status()).isEqualTo(402);
            assertThat(refused.json().get("error").get("code").asString()).isEqualTo("budget_exceeded");
            assertThat(refused.header("x-request-id")).startsWith("req-");
            assertThat(upstream.received()).isEmpty();
            assertThat(awaitOutcome("probe-deny").result()).isEqualTo("refused");
            assertThat(usage(refused.header("x-request-id"))).isEmpty();

            var sdk = OpenAIOkHttpClient.builder().apiKey(key).baseUrl(api.base() + "/v1").maxRetries(0).build();
            assertThatThrownBy(() -> sdk.chat().completions().create(ChatCompletionCreateParams.builder().model(model)
                    .addUserMessage("x").user("probe-deny").build()))
                    .isInstanceOf(OpenAIServiceException.class)
                    .satisfies(e -> {
                        assertThat(((OpenAIServiceException) e).statusCode()).isEqualTo(402);
                        assertThat(((OpenAIServiceException) e).code()).contains("budget_exceeded");
                    });
        }
    }

    @Test
    void aStageMayCapMaxTokensUpstream() {
        try (FakeUpstream upstream = new FakeUpstream()) {
            upstream.script(FakeUpstream.json(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[],"
                    + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}"));
            String model = model(List.of(deployment("openai", upstream.baseUrl(), "gpt-4o", "sk", 1)));
            String user = "probe-cap-42-" + unique();
            assertThat(api.post("/v1/chat/completions", key, probed(model, "hello", user)).status()).isEqualTo(200);
            assertThat(upstream.received().getLast().body().get("max_tokens").asLong()).isEqualTo(42);

            Map<String, Object> withCompletionTokens = probed(model, "hello", "probe-cap-7-" + unique());
            withCompletionTokens.put("max_completion_tokens", 500);
            api.post("/v1/chat/completions", key, withCompletionTokens);
            var sent = upstream.received().getLast().body();
            assertThat(sent.get("max_completion_tokens").asLong()).isEqualTo(7);
            assertThat(sent.has("max_tokens")).isFalse();
        }
    }

    private Outcome awaitOutcome(String user) {
        for (int i = 0; i < 500; i++) {
            Outcome outcome = probe.outcomes.get(user);
            if (outcome != null) {
                return outcome;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no outcome for " + user);
    }
}
