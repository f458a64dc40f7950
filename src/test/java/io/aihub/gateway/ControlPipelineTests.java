package io.aihub.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.errors.UnexpectedStatusCodeException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.aihub.budgets.BudgetService;
import io.aihub.support.Api;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The control pipeline wired to real keys, limits and budgets, over HTTP with the OpenAI SDK as the client. */
class ControlPipelineTests extends GatewayTest {

    @Autowired
    BudgetService budgets;

    @Autowired
    MeterRegistry meters;

    private OpenAIClient sdk(String token) {
        return OpenAIOkHttpClient.builder().apiKey(token).baseUrl(api.base() + "/v1").maxRetries(0).build();
    }

    private static ChatCompletionCreateParams hello(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("hello").maxTokens(10).build();
    }

    private static String code(Api.Response response) {
        return response.json().get("error").get("code").asString();
    }

    private void budget(BigDecimal limit, boolean hard) {
        var created = api.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY,
                Map.of("limit", limit, "period", "monthly", "hard_limit", hard));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private BudgetState budgetState() {
        var json = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
        return new BudgetState(json.get("current_spend").decimalValue(), json.get("reserved").decimalValue());
    }

    record BudgetState(BigDecimal spend, BigDecimal reserved) {
    }

    private BigDecimal usageCostSum() {
        return usagesOf(orgId).stream().map(Usage::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * Settlement and the usage record are written after the response, one after the other: wait until nothing
     * is held any more and the usage records have caught up with the spend.
     */
    private BudgetState awaitSettled() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        BudgetState state = budgetState();
        while ((state.reserved().signum() != 0 || state.spend().compareTo(usageCostSum()) != 0)
                && Instant.now().isBefore(deadline)) {
            pause();
            state = budgetState();
        }
        return state;
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The refusal counter moves in the stages' afters, just after the response: wait for it. */
    private void awaitRefusals(String reason, double expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (refusals(reason) < expected && Instant.now().isBefore(deadline)) {
            pause();
        }
        assertThat(refusals(reason)).isEqualTo(expected);
    }

    private double refusals(String reason) {
        var counter = meters.find("aihub.refusals").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void unknownRevokedAndExpiredKeysGetTheirExactCodes() {
        var unknown = api.post("/v1/chat/completions", "org_" + unique(), chat("demo/echo", "x"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(code(unknown)).isEqualTo("invalid_api_key");

        TestKey revoked = createApiKey(orgId);
        api.post("/api/v1/api-keys/" + revoked.id() + "/revoke", MASTER_KEY, Map.of());
        var revokedCall = api.post("/v1/chat/completions", revoked.secret(), chat("demo/echo", "x"));
        assertThat(revokedCall.status()).isEqualTo(401);
        assertThat(code(revokedCall)).isEqualTo("key_revoked");

        // Never validated before, so no cache entry: the key is read with its expiry already passed.
        TestKey expired = createApiKey(orgId, Map.of("expires_at", Instant.now().plus(Duration.ofDays(1)).toString()));
        jdbc.sql("update api_keys set expires_at = ? where id = ?")
                .param(java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(1)))).param(expired.id()).update();
        var expiredCall = api.post("/v1/chat/completions", expired.secret(), chat("demo/echo", "x"));
        assertThat(expiredCall.status()).isEqualTo(401);
        assertThat(code(expiredCall)).isEqualTo("key_expired");

        assertThatThrownBy(() -> sdk(expired.secret()).chat().completions().create(hello("demo/echo")))
                .isInstanceOf(UnauthorizedException.class)
                .satisfies(e -> assertThat(((OpenAIServiceException) e).code()).contains("key_expired"));
        assertThat(usagesOf(orgId)).isEmpty();
    }

    @Test
    void aKeyIsHeldToItsModelsAndEndpoints() {
        String demoOnly = createApiKey(orgId, Map.of("permissions", Map.of("models", List.of("demo/*")))).secret();
        var wrongModel = api.post("/v1/chat/completions", demoOnly, chat("gpt-4o", "x"));
        assertThat(wrongModel.status()).isEqualTo(403);
        assertThat(code(wrongModel)).isEqualTo("model_not_allowed");
        assertThat(wrongModel.json().get("error").get("param").asString()).isEqualTo("model");
        assertThatThrownBy(() -> sdk(demoOnly).chat().completions().create(hello("gpt-4o")))
                .isInstanceOf(PermissionDeniedException.class)
                .satisfies(e -> assertThat(((OpenAIServiceException) e).code()).contains("model_not_allowed"));
        assertThat(api.post("/v1/chat/completions", demoOnly, chat("demo/echo", "x")).status()).isEqualTo(200);

        String embeddingsOnly = createApiKey(orgId, Map.of("permissions", Map.of("endpoints", List.of("embeddings"))))
                .secret();
        var wrongEndpoint = api.post("/v1/chat/completions", embeddingsOnly, chat("demo/echo", "x"));
        assertThat(wrongEndpoint.status()).isEqualTo(403);
        assertThat(code(wrongEndpoint)).isEqualTo("endpoint_not_allowed");
        assertThatThrownBy(() -> sdk(embeddingsOnly).chat().completions().create(hello("demo/echo")))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(api.get("/v1/models", embeddingsOnly).status()).isEqualTo(403);
        assertThat(api.post("/v1/embeddings", embeddingsOnly, Map.of("model", "demo/echo", "input", "x")).status())
                .isEqualTo(200);
    }

    @Test
    void overTheRequestsPerMinuteTheKeyGets429WithRetryAfter() {
        String limited = createApiKey(orgId, Map.of("rate_limit_per_minute", 2)).secret();
        var first = api.post("/v1/chat/completions", limited, chat("demo/echo", "x"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("x-ratelimit-remaining-requests")).isEqualTo("1");
        assertThat(api.post("/v1/chat/completions", limited, chat("demo/echo", "x")).header(
                "x-ratelimit-remaining-requests")).isEqualTo("0");
        double before = refusals("rate_limit_exceeded");
        var refused = api.post("/v1/chat/completions", limited, chat("demo/echo", "x"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(code(refused)).isEqualTo("rate_limit_exceeded");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        awaitRefusals("rate_limit_exceeded", before + 1);
        assertThatThrownBy(() -> sdk(limited).chat().completions().create(hello("demo/echo")))
                .isInstanceOf(RateLimitException.class)
                .satisfies(e -> assertThat(((OpenAIServiceException) e).code()).contains("rate_limit_exceeded"));
    }

    @Test
    void tokensPerMinuteAreChargedThePromptPlusMaxTokensThenTheActualCount() {
        String limited = createApiKey(orgId, Map.of("tokens_per_minute", 100)).secret();
        Map<String, Object> body = chat("demo/echo", "Say hi");
        body.put("max_tokens", 50);
        var ok = api.post("/v1/chat/completions", limited, body);
        assertThat(ok.status()).isEqualTo(200);
        // charged 9 + 50 up front, shown right after the check
        assertThat(ok.header("x-ratelimit-remaining-tokens")).isEqualTo("41");
        // corrected to the actual 9 + 2 afterwards, so another 50-token call fits
        Usage usage = awaitUsage(ok.header("x-request-id"));
        long used = usage.promptTokens() + usage.completionTokens();
        var second = api.post("/v1/chat/completions", limited, body);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("x-ratelimit-remaining-tokens")).isEqualTo(Long.toString(100 - used - 59));
        body.put("max_tokens", 200);
        var tooBig = api.post("/v1/chat/completions", limited, body);
        assertThat(tooBig.status()).isEqualTo(429);
        assertThat(code(tooBig)).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void aKeyAtItsParallelLimitGets429UntilItsCallFinishes() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (io.aihub.support.FakeUpstream upstream = new io.aihub.support.FakeUpstream()) {
            upstream.script((exchange, body) -> {
                try {
                    release.await(15, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                io.aihub.support.FakeUpstream.send(exchange, 200, "application/json", "{\"id\":\"x\",\"object\":"
                        + "\"chat.completion\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}");
            });
            String model = model(List.of(deployment("openai", upstream.baseUrl(), "gpt-4o", "sk", 1)));
            String single = createApiKey(orgId, Map.of("max_parallel_requests", 1)).secret();
            try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
                Future<Api.Response> first = pool.submit(() -> api.post("/v1/chat/completions", single, chat(model, "x")));
                Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
                while (upstream.received().isEmpty() && Instant.now().isBefore(deadline)) {
                    pause();
                }
                var refused = api.post("/v1/chat/completions", single, chat(model, "x"));
                assertThat(refused.status()).isEqualTo(429);
                assertThat(code(refused)).isEqualTo("rate_limit_exceeded");
                assertThat(refused.header("Retry-After")).isEqualTo("1");
                release.countDown();
                assertThat(first.get().status()).isEqualTo(200);
            }
            // the lease is given back after the response; the next call gets it
            Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
            Api.Response next = api.post("/v1/chat/completions", single, chat(model, "x"));
            while (next.status() == 429 && Instant.now().isBefore(deadline)) {
                pause();
                next = api.post("/v1/chat/completions", single, chat(model, "x"));
            }
            assertThat(next.status()).isEqualTo(200);
        }
    }

    @Test
    void outOfQuotaIs429QuotaExceededWithoutRetryAfterAndRefusedCallsGiveTheRequestBack() {
        String oneLeft = createApiKey(orgId, Map.of("monthly_request_quota", 1, "max_parallel_requests", 5)).secret();
        assertThat(api.post("/v1/chat/completions", oneLeft, chat("demo/echo", "x")).status()).isEqualTo(200);
        var refused = api.post("/v1/chat/completions", oneLeft, chat("demo/echo", "x"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(code(refused)).isEqualTo("quota_exceeded");
        assertThat(refused.header("Retry-After")).isNull();
        assertThatThrownBy(() -> sdk(oneLeft).chat().completions().create(hello("demo/echo")))
                .isInstanceOf(RateLimitException.class)
                .satisfies(e -> assertThat(((OpenAIServiceException) e).code()).contains("quota_exceeded"));

        // A call refused after the quota counted it (here: by the budget) does not use up the quota.
        TestKey spare = createApiKey(orgId, Map.of("monthly_request_quota", 1));
        api.post("/api/v1/organizations/" + orgId + "/api-keys/" + spare.id() + "/budget", MASTER_KEY,
                Map.of("limit", new BigDecimal("0.0000001"), "hard_limit", true));
        assertThat(code(api.post("/v1/chat/completions", spare.secret(), chat("demo/echo", "x")))).isEqualTo("budget_exceeded");
        api.delete("/api/v1/organizations/" + orgId + "/api-keys/" + spare.id() + "/budget", MASTER_KEY);
        assertThat(api.post("/v1/chat/completions", spare.secret(), chat("demo/echo", "x")).status()).isEqualTo(200);
    }

    @Test
    void overBudgetIs402BudgetExceededAndLeavesNoRecordAndNoHold() {
        budget(new BigDecimal("0.000001"), true);
        double before = refusals("budget_exceeded");
        var refused = api.post("/v1/chat/completions", key, chat("demo/echo", "hello there"));
        assertThat(refused.status()).isEqualTo(402);
        assertThat(code(refused)).isEqualTo("budget_exceeded");
        assertThat(usage(refused.header("x-request-id"))).isEmpty();
        assertThat(budgets.holdStatus(refused.header("x-request-id"))).isEmpty();
        awaitRefusals("budget_exceeded", before + 1);
        // SDK 4.8.0 has no 402 type: it raises UnexpectedStatusCodeException with the status and code.
        assertThatThrownBy(() -> sdk(key).chat().completions().create(hello("demo/echo")))
                .isInstanceOf(UnexpectedStatusCodeException.class)
                .satisfies(e -> {
                    assertThat(((OpenAIServiceException) e).statusCode()).isEqualTo(402);
                    assertThat(((OpenAIServiceException) e).code()).contains("budget_exceeded");
                });
        BudgetState state = awaitSettled();
        assertThat(state.spend()).isZero();
        assertThat(state.reserved()).isZero();
    }

    @Test
    void aSuccessfulCallIsRecordedWithItsExactCostAndSettledOnEveryBudget() {
        budget(new BigDecimal("10"), true);
        TestUser admin = userWithRole(orgId, "admin");
        String teamId = api.post("/api/v1/organizations/" + orgId + "/teams", MASTER_KEY, Map.of("name", "t " + unique()))
                .field("id");
        var created = api.post("/api/v1/organizations/" + orgId + "/api-keys", admin.token(),
                Map.of("name", "owned " + unique(), "team_id", teamId));
        assertThat(created.status()).isEqualTo(201);
        String owned = created.field("api_key");
        Map<String, Object> body = chat("demo/echo", "count me");
        body.put("user", "end-user-7");
        var response = api.post("/v1/chat/completions", owned, body);
        assertThat(response.status()).isEqualTo(200);
        String requestId = response.header("x-request-id");
        BigDecimal cost = new BigDecimal(response.header("x-aihub-cost"));
        assertThat(cost).isPositive();

        Usage usage = awaitUsage(requestId);
        assertThat(usage.cost()).isEqualByComparingTo(cost);
        var row = jdbc.sql("select team_id, api_key_id, user_id, end_user from usage_records where request_id = ?")
                .param(requestId).query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))).single();
        assertThat(row).containsExactly(teamId, created.field("id"), admin.id(), "end-user-7");
        BudgetState state = awaitSettled();
        assertThat(state.spend()).isEqualByComparingTo(usageCostSum()).isEqualByComparingTo(cost);
        assertThat(budgets.holdStatus(requestId)).contains("settled");
    }

    @Test
    void withoutMaxTokensTheOutputIsCappedToWhatTheBudgetAffords() {
        // prompt "Say hi" = 9 tokens = 0.00000135; 0.0000075 more affords 12 output tokens at 0.60 per million
        budget(new BigDecimal("0.00000885"), true);
        String words = "word ".repeat(100).trim();
        var response = api.post("/v1/chat/completions", key, chat("demo/echo", "Say hi"));
        assertThat(response.status()).isEqualTo(200);
        // a long echo is cut at the cap instead of being refused
        var longer = api.post("/v1/chat/completions", createApiKey(orgId).secret(), chat("demo/echo", words));
        assertThat(longer.status()).isIn(200, 402);
        BudgetState state = awaitSettled();
        assertThat(state.spend()).isLessThanOrEqualTo(new BigDecimal("0.00000885"));
        assertThat(state.spend()).isEqualByComparingTo(usageCostSum());
        if (longer.status() == 200) {
            Usage usage = awaitUsage(longer.header("x-request-id"));
            assertThat(usage.completionTokens()).isLessThan(100);
        } else {
            assertThat(code(longer)).isEqualTo("budget_exceeded");
        }
    }

    @Test
    void twoHundredParallelRequestsNeverSpendPastAHardBudget() throws Exception {
        // Each call echoes 100 words cut at max_tokens 20: the actual cost is (nearly) its worst case,
        // so the budget affords about 50 of the 200 whatever the interleaving.
        Map<String, Object> body = chat("demo/echo", "word ".repeat(100).trim());
        body.put("max_tokens", 20);
        var probe = api.post("/v1/chat/completions", createApiKey(createOrganization(MASTER_KEY, "probe")).secret(), body);
        BigDecimal worstCase = new BigDecimal(probe.header("x-aihub-cost"));
        BigDecimal limit = worstCase.multiply(BigDecimal.valueOf(50));
        budget(limit, true);

        List<Api.Response> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Callable<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(() -> api.post("/v1/chat/completions", key, body));
            }
            for (Future<Api.Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
        }
        List<Api.Response> passed = responses.stream().filter(r -> r.status() == 200).toList();
        List<Api.Response> refused = responses.stream().filter(r -> r.status() != 200).toList();
        assertThat(passed).isNotEmpty();
        assertThat(refused).isNotEmpty().allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(402);
            assertThat(code(r)).isEqualTo("budget_exceeded");
        });
        passed.forEach(r -> awaitUsage(r.header("x-request-id")));
        BudgetState state = awaitSettled();
        assertThat(state.reserved()).isZero();
        assertThat(state.spend()).isLessThanOrEqualTo(limit).isEqualByComparingTo(usageCostSum());
        assertThat(usagesOf(orgId)).hasSize(passed.size());
        for (Api.Response r : responses) {
            assertThat(budgets.holdStatus(r.header("x-request-id"))).as("hold of " + r.header("x-request-id"))
                    .satisfiesAnyOf(s -> assertThat(s).isEmpty(), s -> assertThat(s).contains("settled"),
                            s -> assertThat(s).contains("released"));
        }
        for (Api.Response r : passed) {
            assertThat(budgets.holdStatus(r.header("x-request-id"))).contains("settled");
        }
    }

    @Test
    void aStreamIsSettledAfterItsLastChunk() {
        budget(new BigDecimal("10"), true);
        StringBuilder text = new StringBuilder();
        try (var stream = sdk(key).chat().completions().createStreaming(ChatCompletionCreateParams.builder()
                .model("demo/echo").addUserMessage("stream these words please").build())) {
            stream.stream().forEach((ChatCompletionChunk chunk) -> chunk.choices()
                    .forEach(c -> c.delta().content().ifPresent(text::append)));
        }
        assertThat(text.toString()).isEqualTo("stream these words please");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (usagesOf(orgId).isEmpty() && Instant.now().isBefore(deadline)) {
            pause();
        }
        Usage usage = usagesOf(orgId).getFirst();
        assertThat(usage.outcome()).isEqualTo("success");
        BudgetState state = awaitSettled();
        assertThat(state.spend()).isPositive().isEqualByComparingTo(usage.cost());
        assertThat(budgets.holdStatus(usage.requestId())).contains("settled");
    }
}
