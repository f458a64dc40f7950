package io.aihub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.budgets.BudgetService;
import io.aihub.support.FakeUpstream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the budget stage does to the upstream call: nothing forwarded on refusal, max_tokens capped to the budget. */
class GovernanceSeamTests extends GatewayTest {

    private static final String SCRIPTED = "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":3,\"total_tokens\":11}}";

    @Autowired
    BudgetService budgets;

    private void budget(String limit) {
        assertThat(api.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY,
                Map.of("limit", new BigDecimal(limit), "hard_limit", true)).status()).isEqualTo(201);
    }

    @Test
    void aBudgetRefusalForwardsNothing() {
        try (FakeUpstream upstream = new FakeUpstream()) {
            String model = model(List.of(deployment("openai", upstream.baseUrl(), "gpt-4o", "sk", 1)));
            budget("0.00001"); // less than the 8-token prompt at 2.50 per million
            var refused = api.post("/v1/chat/completions", key, chat(model, "hello"));
            assertThat(refused.status()).isEqualTo(402);
            assertThat(refused.json().get("error").get("code").asString()).isEqualTo("budget_exceeded");
            assertThat(refused.header("x-request-id")).startsWith("req-");
            assertThat(upstream.received()).isEmpty();
            assertThat(usage(refused.header("x-request-id"))).isEmpty();
        }
    }

    @Test
    void withoutMaxTokensTheUpstreamGetsTheCapTheBudgetAffordsAndTheActualCostIsSettled() {
        try (FakeUpstream upstream = new FakeUpstream()) {
            upstream.script(FakeUpstream.json(200, SCRIPTED));
            String model = model(List.of(deployment("openai", upstream.baseUrl(), "gpt-4o", "sk", 1)));
            // prompt 8 tokens × 2.50 = 0.00002, plus 42 output tokens × 10.00 = 0.00042 per million
            budget("0.00044");
            var response = api.post("/v1/chat/completions", key, chat(model, "hello"));
            assertThat(response.status()).isEqualTo(200);
            assertThat(upstream.received().getLast().body().get("max_tokens").asLong()).isEqualTo(42);
            Usage usage = awaitUsage(response.header("x-request-id"));
            // 8 × 2.50 + 3 × 10.00 per million
            assertThat(usage.cost()).isEqualByComparingTo("0.00005");
            assertThat(budgets.holdStatus(response.header("x-request-id"))).contains("settled");

            // A client-set max_tokens is the client's choice: not raised, not lowered, held in full.
            Map<String, Object> capped = chat(model, "hello");
            capped.put("max_tokens", 5);
            assertThat(api.post("/v1/chat/completions", key, capped).status()).isEqualTo(200);
            assertThat(upstream.received().getLast().body().get("max_tokens").asLong()).isEqualTo(5);
        }
    }
}
