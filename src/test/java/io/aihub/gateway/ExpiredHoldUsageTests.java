package io.aihub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.budgets.BudgetService;
import io.aihub.common.Timestamps;
import io.aihub.support.FakeUpstream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * DESIGN guarantee 2 when the serving instance stops mid-call: the call's hold expires at its full amount and
 * becomes the call's usage record at that cost, so usage adds up to what budgets were charged.
 */
class ExpiredHoldUsageTests extends GatewayTest {

    @Autowired
    BudgetService budgets;

    private final FakeUpstream upstream = new FakeUpstream();

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    @Test
    void anExpiredHoldBecomesTheCallsUsageRecordAtTheHeldCost() throws Exception {
        assertThat(api.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY, Map.of("limit", 10)).status())
                .isEqualTo(201);
        upstream.script(FakeUpstream.delayed(2_000, FakeUpstream.json(200, """
                {"id":"c","object":"chat.completion","created":1,"model":"up","choices":[{"index":0,
                 "message":{"role":"assistant","content":"late"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}""".replace("\n", ""))));
        String model = model(List.of(deployment("openai", upstream.baseUrl(), "up", "sk-up", 1)));
        Map<String, Object> body = chat(model, "Hello there");
        body.put("max_tokens", 100);
        var call = CompletableFuture.supplyAsync(() -> api.post("/v1/chat/completions", key, body));

        // The call waits on its upstream with a hold in the ledger. Its instance "stops": the hold outlives its timeout.
        String requestId = awaitHeld();
        jdbc.sql("update budget_holds set expires_at = ? where request_id = ?")
                .params(Timestamps.toDb(Instant.now().minusSeconds(1)), requestId).update();
        assertThat(budgets.expireHolds()).isPositive(); // other tests' forgotten holds may expire with it
        assertThat(budgets.holdStatus(requestId)).contains("expired"); // (a read flushes the written-behind ledger)

        BigDecimal held = jdbc.sql("select actual_cost from budget_holds where request_id = ? and status = 'expired'")
                .param(requestId).query(BigDecimal.class).single();
        // worst case: the prompt's estimated tokens at 2.50/M plus 100 output tokens at 10.00/M
        assertThat(held).isGreaterThan(new BigDecimal("0.001"));
        Usage usage = awaitUsage(requestId);
        assertThat(usage.outcome()).isEqualTo("incomplete");
        assertThat(usage.errorCode()).isEqualTo("hold_expired");
        assertThat(usage.statusCode()).isZero();
        assertThat(usage.cost()).isEqualByComparingTo(held);
        assertThat(usage.model()).isEqualTo(model);
        assertThat(usage.organizationId()).isEqualTo(orgId);
        assertThat(usage.promptTokens()).isPositive();
        assertThat(usage.completionTokens()).isZero();
        assertThat(jdbc.sql("select api_key_id from usage_records where request_id = ?").param(requestId)
                .query(String.class).single()).isEqualTo(keyId);

        // The call was in fact alive and completes (as a journal replayed after a slow restart would): its real
        // record replaces the incomplete one, and the expired hold is settled at the real cost instead.
        var late = call.get();
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.header("x-request-id")).isEqualTo(requestId);
        BigDecimal cost = new BigDecimal(late.header("x-aihub-cost"));
        assertThat(cost).isEqualByComparingTo("0.0000525"); // 9 x 2.50/M + 3 x 10.00/M
        within(() -> usage(requestId).map(Usage::outcome).orElse("").equals("success"));
        Usage real = usage(requestId).orElseThrow();
        assertThat(real.cost()).isEqualByComparingTo(cost);
        assertThat(real.completionTokens()).isEqualTo(3);
        within(() -> "settled".equals(budgets.holdStatus(requestId).orElse("")));
        assertThat(jdbc.sql("select actual_cost from budget_holds where request_id = ?").param(requestId)
                .query(BigDecimal.class).single()).isEqualByComparingTo(cost);
        var budget = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
        assertThat(budget.get("current_spend").decimalValue()).isEqualByComparingTo(cost);
        assertThat(budget.get("reserved").decimalValue()).isZero();
        // The rollups count the request once, at its real cost (the incomplete record was taken back out).
        var summary = api.get("/api/v1/organizations/" + orgId + "/usage/summary", MASTER_KEY);
        assertThat(summary.status()).as(summary.toString()).isEqualTo(200);
        var totals = summary.json().get("totals");
        assertThat(totals.get("requests").asLong()).as(totals.toString()).isEqualTo(1);
        assertThat(totals.get("cost").decimalValue()).isEqualByComparingTo(cost);
    }

    private static void within(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition not met within 10 s").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aHoldWithoutANoteExpiresWithoutAUsageRecord() {
        var scope = new io.aihub.budgets.BudgetScope(orgId, null, keyId);
        String requestId = "req-nonote-" + unique();
        budgets.reserve(scope, new BigDecimal("0.5"), requestId);
        budgets.holdStatus(requestId); // written
        jdbc.sql("update budget_holds set expires_at = ? where request_id = ?")
                .params(Timestamps.toDb(Instant.now().minusSeconds(1)), requestId).update();
        assertThat(budgets.expireHolds()).isPositive();
        assertThat(budgets.holdStatus(requestId)).contains("expired");
        assertThat(usage(requestId)).isEmpty();
    }

    private String awaitHeld() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            Optional<String> held = jdbc.sql("select request_id from budget_holds where api_key_id = ? and status = 'held'")
                    .param(keyId).query(String.class).optional();
            if (held.isPresent()) {
                return held.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no hold appeared for the call");
    }
}
