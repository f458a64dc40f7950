package io.aihub.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.budgets.BudgetScope;
import io.aihub.budgets.BudgetService;
import io.aihub.support.ClockedIntegrationTest;
import io.aihub.usage.UsageRecord;
import io.aihub.usage.UsageService;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Recommendations on the real keys and budgets modules (no stand-ins): keys created over HTTP, usage
 * recorded for them, a budget spent through BudgetService. The ports are the modules' own beans.
 */
@TestPropertySource(properties = {"aihub.insights.anomaly-cron=-", "aihub.alerts.poll-interval=1h"})
class InsightsIntegrationTests extends ClockedIntegrationTest {

    static final Instant NOW = Instant.parse("2026-05-10T12:00:00Z");

    @Autowired
    KeyInventory keyInventory;
    @Autowired
    BudgetOutlook budgetOutlook;
    @Autowired
    AnomalyAlertSink anomalySink;
    @Autowired
    UsageService usage;
    @Autowired
    BudgetService budgets;

    @Test
    void thePortsAreTheModulesOwnBeans() {
        assertThat(keyInventory.getClass().getPackageName()).isEqualTo("io.aihub.keys");
        assertThat(budgetOutlook.getClass().getPackageName()).isEqualTo("io.aihub.budgets");
        assertThat(anomalySink.getClass().getPackageName()).isEqualTo("io.aihub.alerts");
    }

    @Test
    void unusedKeysKeysNearQuotaAndBudgetsRunningOutAreRecommendedFromRealKeysAndBudgets() {
        clock.set(NOW.minus(Duration.ofDays(40)));
        String org = createOrganization(MASTER_KEY, "Real insights");
        String oldKey = createKey(org, Map.of("name", "old batch job"));
        String revoked = createKey(org, Map.of("name", "revoked"));
        assertThat(api.post("/api/v1/api-keys/" + revoked + "/revoke", MASTER_KEY, Map.of()).status()).isEqualTo(200);
        clock.set(NOW.minus(Duration.ofDays(2)));
        String busy = createKey(org, Map.of("name", "busy", "monthly_request_quota", 10));
        String calm = createKey(org, Map.of("name", "calm", "monthly_request_quota", 100));
        clock.set(NOW.minus(Duration.ofHours(1)));
        for (int i = 0; i < 9; i++) {
            record(org, busy);
        }
        record(org, calm);
        clock.set(NOW);
        var created = api.post("/api/v1/organizations/" + org + "/budgets", MASTER_KEY, Map.of("limit", 100));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String budgetId = created.field("id");
        // 60 USD in the first 10 days of May: 186 projected for the month against a limit of 100.
        budgets.recordUsage(BudgetScope.organization(org), new BigDecimal("60"), "req-" + unique());

        var viewer = userWithRole(org, "viewer");
        var r = api.get("/api/v1/organizations/" + org + "/recommendations", viewer.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("sources").get("keys").asBoolean()).isTrue();
        assertThat(body.get("sources").get("budgets").asBoolean()).isTrue();
        Map<String, JsonNode> bySubject = new HashMap<>();
        body.get("data").forEach(rec -> bySubject.put(rec.get("type").asString() + ":" + rec.get("subject").asString(), rec));
        assertThat(bySubject.keySet()).containsExactlyInAnyOrder("unused_key:" + oldKey, "key_near_quota:" + busy,
                "budget_projected_to_run_out:" + budgetId);

        assertThat(bySubject.get("unused_key:" + oldKey).get("evidence").get("key_name").asString()).isEqualTo("old batch job");
        JsonNode quota = bySubject.get("key_near_quota:" + busy).get("evidence");
        assertThat(quota.get("requests_this_month").asLong()).isEqualTo(9);
        assertThat(quota.get("monthly_request_quota").asLong()).isEqualTo(10);
        JsonNode budget = bySubject.get("budget_projected_to_run_out:" + budgetId).get("evidence");
        assertThat(budget.get("scope").asString()).isEqualTo("organization");
        assertThat(budget.get("current_spend").decimalValue()).isEqualByComparingTo("60");
        assertThat(budget.get("projected_spend").decimalValue()).isEqualByComparingTo(
                new BigDecimal("60").multiply(BigDecimal.valueOf(31)).divide(BigDecimal.TEN));
        assertThat(budget.get("limit").decimalValue()).isEqualByComparingTo("100");

        String other = createOrganization(MASTER_KEY, "Other");
        assertThat(api.get("/api/v1/organizations/" + org + "/recommendations", userWithRole(other, "owner").token())
                .status()).isEqualTo(404);
    }

    private String createKey(String org, Map<String, Object> body) {
        var response = api.post("/api/v1/organizations/" + org + "/api-keys", MASTER_KEY, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.field("id");
    }

    private void record(String org, String keyId) {
        usage.record(new UsageRecord("req-" + unique() + unique(), org, null, keyId, null, null, "gpt-4o-mini", "openai",
                null, "chat.completions", 10, 0, 10, new BigDecimal("0.01"), 100, 10, 200, null, "success",
                clock.instant()));
    }
}
