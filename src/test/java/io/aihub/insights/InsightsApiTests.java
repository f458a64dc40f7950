package io.aihub.insights;

import io.aihub.support.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import io.aihub.usage.UsageRecord;
import io.aihub.usage.UsageService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Anomalies and recommendations over HTTP, in a context of their own: a clock the test sets, and
 * stand-ins (primary over the real beans) for the keys and budgets modules and the alert channels, so the
 * rules are tested on exact facts. InsightsIntegrationTests runs them on the real modules.
 */
@TestPropertySource(properties = "aihub.insights.anomaly-cron=-")
class InsightsApiTests extends IntegrationTest {

    static final Instant NOW = Instant.parse("2026-05-20T12:10:00Z");
    static final Map<String, List<KeyInventory.KeyFacts>> KEYS = new ConcurrentHashMap<>();
    static final Map<String, List<BudgetOutlook.BudgetForecast>> BUDGETS = new ConcurrentHashMap<>();
    static final List<AnomalyIncident> RAISED = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class Fixtures {

        @Bean
        @Primary
        Clock testClock() {
            return new MutableClock(NOW);
        }

        @Bean
        @Primary // over the real module's bean: this class tests the rules on fixed facts
        KeyInventory keyInventory() {
            return org -> KEYS.getOrDefault(org, List.of());
        }

        @Bean
        @Primary // over the real module's bean: this class tests the rules on fixed facts
        BudgetOutlook budgetOutlook() {
            return (org, now) -> BUDGETS.getOrDefault(org, List.of());
        }

        @Bean
        @Primary // over the real module's bean: this class tests the rules on fixed facts
        AnomalyAlertSink recordingSink() {
            return RAISED::add;
        }
    }

    @Autowired
    UsageService usage;

    @Autowired
    AnomalyScan scan;

    private void record(String org, String key, String model, String deployment, long prompt, long cached,
            long completion, String cost, String outcome, Instant at) {
        usage.record(new UsageRecord("req-" + unique() + unique() + unique(), org, null, key, null, null, model, "openai",
                deployment, "chat.completions", prompt, cached, completion, new BigDecimal(cost), 100, 10,
                "error".equals(outcome) ? 502 : 200, null, outcome, at));
    }

    @Test
    void aSpendSpikeIsRaisedOncePerSubjectAndHourAndListed() {
        String org = createOrganization(MASTER_KEY, "Spiky");
        Instant judged = Instant.parse("2026-05-20T11:00:00Z");
        for (int day = 0; day <= 7; day++) {
            for (int hour = 10; hour <= 12; hour++) {
                Instant at = judged.minus(Duration.ofDays(day)).plus(Duration.ofHours(hour - 11)).plusSeconds(60);
                if (at.isBefore(judged) && !at.isBefore(judged.minus(Duration.ofDays(7)))) {
                    record(org, "key-spiky", "gpt-4o", null, 10, 0, 10, "0.10", "success", at);
                    record(org, "key-calm", "gpt-4o", null, 10, 0, 10, "0.10", "success", at);
                }
            }
        }
        for (int i = 0; i < 5; i++) {
            record(org, "key-spiky", "gpt-4o", null, 10, 0, 10, "2.00", "success", judged.plusSeconds(300 + i));
        }
        record(org, "key-calm", "gpt-4o", null, 10, 0, 10, "0.10", "success", judged.plusSeconds(300));

        List<AnomalyIncident> raised = scan.scan(NOW).stream().filter(i -> i.organizationId().equals(org)).toList();
        assertThat(raised).extracting(AnomalyIncident::subjectKind, AnomalyIncident::subjectId)
                .containsExactlyInAnyOrder(org("organization", org), org("key", "key-spiky"));
        assertThat(raised).allSatisfy(i -> {
            assertThat(i.metric()).isEqualTo("cost");
            assertThat(i.hourStart()).isEqualTo(judged);
        });
        assertThat(raised.stream().filter(i -> i.subjectKind().equals("key")).findFirst().orElseThrow().observed())
                .isEqualByComparingTo("10.00");
        assertThat(RAISED).filteredOn(i -> i.organizationId().equals(org)).hasSize(2);
        assertThat(scan.scan(NOW).stream().filter(i -> i.organizationId().equals(org))).as("once per incident").isEmpty();
        assertThat(RAISED).filteredOn(i -> i.organizationId().equals(org)).hasSize(2);

        var viewer = userWithRole(org, "viewer");
        var listed = api.get("/api/v1/organizations/" + org + "/anomalies", viewer.token());
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode data = listed.json().get("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(0).get("hour_start").asString()).isEqualTo("2026-05-20T11:00:00Z");
        assertThat(data.get(0).get("samples").asInt()).isEqualTo(21);
        var page = api.get("/api/v1/organizations/" + org + "/anomalies?limit=1", viewer.token());
        assertThat(page.json().get("data")).hasSize(1);
        var next = api.get("/api/v1/organizations/" + org + "/anomalies?limit=1&cursor=" + page.field("next_cursor"),
                viewer.token());
        assertThat(next.json().get("data").get(0).get("id").asString()).isNotEqualTo(page.json().get("data").get(0)
                .get("id").asString());
        String other = createOrganization(MASTER_KEY, "Calm");
        var outsider = userWithRole(other, "owner");
        assertThat(api.get("/api/v1/organizations/" + org + "/anomalies", outsider.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/organizations/" + other + "/anomalies", outsider.token()).json().get("data")).isEmpty();
        assertThat(api.get("/api/v1/organizations/" + org + "/anomalies?limit=0", viewer.token()).field("field"))
                .isEqualTo("limit");
    }

    private static org.assertj.core.groups.Tuple org(String kind, String id) {
        return org.assertj.core.groups.Tuple.tuple(kind, id);
    }

    @Test
    void eachRecommendationAppearsWithItsEvidenceWhenItsConditionHolds() {
        String org = createOrganization(MASTER_KEY, "Advice");
        KEYS.put(org, List.of(
                new KeyInventory.KeyFacts("key-old", "old batch job", "active", null, NOW.minus(Duration.ofDays(40)),
                        NOW.minus(Duration.ofDays(90))),
                new KeyInventory.KeyFacts("key-revoked", "gone", "revoked", null, null, NOW.minus(Duration.ofDays(90))),
                new KeyInventory.KeyFacts("key-busy", "busy", "active", 10L, NOW, NOW.minus(Duration.ofDays(60))),
                new KeyInventory.KeyFacts("key-fine", "fine", "active", 100L, NOW, NOW.minus(Duration.ofDays(60)))));
        for (int i = 0; i < 9; i++) {
            record(org, "key-busy", "demo/echo", null, 1, 0, 1, "0.001", "success", NOW.minus(Duration.ofHours(1 + i)));
            record(org, "key-fine", "demo/echo", null, 1, 0, 1, "0.001", "success", NOW.minus(Duration.ofHours(1 + i)));
        }
        Instant periodStart = Instant.parse("2026-05-01T00:00:00Z");
        BUDGETS.put(org, List.of(
                new BudgetOutlook.BudgetForecast("bud-over", "organization", null, new BigDecimal("100"), new BigDecimal("60"),
                        new BigDecimal("150"), periodStart, Instant.parse("2026-06-01T00:00:00Z"), true),
                new BudgetOutlook.BudgetForecast("bud-fine", "team", "team-1", new BigDecimal("100"), new BigDecimal("10"),
                        new BigDecimal("40"), periodStart, Instant.parse("2026-06-01T00:00:00Z"), true)));
        // 30 days of a dated gpt-4o: 800k uncached + 200k cached prompt tokens, 100k completion tokens at list price.
        record(org, null, "gpt-4o-2024-08-06", null, 600_000, 200_000, 60_000, "2.45", "success", NOW.minus(Duration.ofDays(3)));
        record(org, null, "gpt-4o-2024-08-06", null, 400_000, 0, 40_000, "1.40", "success", NOW.minus(Duration.ofDays(20)));
        record(org, null, "gpt-4o-2024-08-06", null, 999_000, 0, 0, "99", "success", NOW.minus(Duration.ofDays(31)));
        // Deployments over the last 24 hours.
        for (int i = 0; i < 25; i++) {
            record(org, null, "demo/echo", "azure-east", 1, 0, 1, "0", i < 3 ? "error" : "success", NOW.minus(Duration.ofMinutes(10 + i)));
        }
        for (int i = 0; i < 30; i++) {
            record(org, null, "demo/echo", "steady", 1, 0, 1, "0", i < 1 ? "error" : "success", NOW.minus(Duration.ofMinutes(10 + i)));
        }
        for (int i = 0; i < 10; i++) {
            record(org, null, "demo/echo", "rarely-used", 1, 0, 1, "0", i < 5 ? "error" : "success", NOW.minus(Duration.ofMinutes(10 + i)));
        }
        for (int i = 0; i < 30; i++) {
            record(org, null, "demo/echo", "failed-yesterday", 1, 0, 1, "0", "error", NOW.minus(Duration.ofHours(25)));
        }

        var viewer = userWithRole(org, "viewer");
        var r = api.get("/api/v1/organizations/" + org + "/recommendations", viewer.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("sources").get("keys").asBoolean()).isTrue();
        assertThat(body.get("sources").get("budgets").asBoolean()).isTrue();
        Map<String, JsonNode> bySubject = new HashMap<>();
        List<String> types = new ArrayList<>();
        for (JsonNode rec : body.get("data")) {
            bySubject.put(rec.get("type").asString() + ":" + rec.get("subject").asString(), rec);
            types.add(rec.get("type").asString());
            assertThat(rec.get("title").asString()).isNotBlank();
        }
        assertThat(bySubject.keySet()).containsExactlyInAnyOrder("unused_key:key-old", "key_near_quota:key-busy",
                "budget_projected_to_run_out:bud-over", "cheaper_model:gpt-4o-2024-08-06",
                "high_error_rate_deployment:azure-east");
        assertThat(types.getFirst()).as("largest saving first").isEqualTo("cheaper_model");

        JsonNode cheaper = bySubject.get("cheaper_model:gpt-4o-2024-08-06");
        // On gpt-4o-mini (0.15 / 0.075 / 0.60 per million): 800k x 0.15 + 200k x 0.075 + 100k x 0.60 = 0.195 USD.
        BigDecimal onMini = new BigDecimal("800000").multiply(new BigDecimal("0.15"))
                .add(new BigDecimal("200000").multiply(new BigDecimal("0.075")))
                .add(new BigDecimal("100000").multiply(new BigDecimal("0.60"))).divide(new BigDecimal("1000000"));
        assertThat(cheaper.get("evidence").get("cost_on_cheaper_model").decimalValue()).isEqualByComparingTo(onMini);
        assertThat(cheaper.get("estimated_monthly_saving").decimalValue())
                .isEqualByComparingTo(new BigDecimal("3.85").subtract(onMini));
        assertThat(cheaper.get("evidence").get("cheaper_model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(cheaper.get("evidence").get("requests").asLong()).isEqualTo(2);

        JsonNode quota = bySubject.get("key_near_quota:key-busy");
        assertThat(quota.get("evidence").get("requests_this_month").asLong()).isEqualTo(9);
        assertThat(quota.get("evidence").get("usage_percentage").decimalValue()).isEqualByComparingTo("90");
        assertThat(quota.get("estimated_monthly_saving").decimalValue()).isZero();

        JsonNode budget = bySubject.get("budget_projected_to_run_out:bud-over");
        assertThat(budget.get("evidence").get("projected_spend").decimalValue()).isEqualByComparingTo("150");
        // 60 spent in 19d 12h 10m: 100 is reached at 5/3 of that after the period start.
        Duration elapsed = Duration.between(periodStart, NOW);
        Instant exhaustion = periodStart.plusSeconds(elapsed.toSeconds() * 100 / 60);
        assertThat(Instant.parse(budget.get("evidence").get("projected_exhaustion_at").asString())).isEqualTo(exhaustion);

        JsonNode errors = bySubject.get("high_error_rate_deployment:azure-east");
        assertThat(errors.get("evidence").get("requests").asLong()).isEqualTo(25);
        assertThat(errors.get("evidence").get("errors").asLong()).isEqualTo(3);
        assertThat(errors.get("evidence").get("error_rate").decimalValue()).isEqualByComparingTo("0.12");

        String other = createOrganization(MASTER_KEY, "Other");
        var outsider = userWithRole(other, "owner");
        assertThat(api.get("/api/v1/organizations/" + org + "/recommendations", outsider.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/organizations/" + other + "/recommendations", outsider.token()).json().get("data"))
                .isEmpty();
        assertThat(api.get("/api/v1/organizations/" + org + "/recommendations", null).status()).isEqualTo(401);
    }

    @Test
    void budgetExhaustionIsNowWhenTheLimitIsAlreadySpent() {
        var spent = new BudgetOutlook.BudgetForecast("b", "organization", null, new BigDecimal("10"), new BigDecimal("12"),
                new BigDecimal("20"), NOW.minus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(3)), true);
        assertThat(Recommendations.exhaustion(spent, NOW)).isEqualTo(NOW);
        var none = new BudgetOutlook.BudgetForecast("b", "organization", null, new BigDecimal("10"), BigDecimal.ZERO,
                BigDecimal.ZERO, NOW.minus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(3)), true);
        assertThat(Recommendations.exhaustion(none, NOW)).isNull();
    }

    @Test
    void modelFamiliesMatchDatedAndPrefixedNamesOnly() {
        assertThat(ModelFamilies.downgradeFor("gpt-4o").orElseThrow().cheaper()).isEqualTo("gpt-4o-mini");
        assertThat(ModelFamilies.downgradeFor("openai/gpt-4o-2024-11-20").orElseThrow().cheaper()).isEqualTo("gpt-4o-mini");
        assertThat(ModelFamilies.downgradeFor("claude-3-5-sonnet-20241022").orElseThrow().cheaper())
                .isEqualTo("claude-3-5-haiku");
        assertThat(ModelFamilies.downgradeFor("claude-3-5-sonnet-latest")).isPresent();
        assertThat(ModelFamilies.downgradeFor("gpt-4o-mini")).isEmpty();
        assertThat(ModelFamilies.downgradeFor("gpt-4o-mini-2024-07-18")).isEmpty();
        assertThat(ModelFamilies.downgradeFor("demo/echo")).isEmpty();
    }
}
