package io.aihub.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.ClockedIntegrationTest;
import io.aihub.usage.UsageRecord;
import io.aihub.usage.UsageService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** budgets/summary of an organization, a team and a key carries the usage trends of its own scope. */
class BudgetSummaryTrendsTests extends ClockedIntegrationTest {

    static final Instant NOW = Instant.parse("2026-01-15T12:30:00Z");

    @Autowired
    UsageService usage;

    @Test
    void summariesShowDayOverDayWeekOverWeekAndRunRateOfTheirScope() {
        clock.set(NOW);
        String org = createOrganization(MASTER_KEY, "Trending");
        String path = "/api/v1/organizations/" + org;
        String team = api.post(path + "/teams", MASTER_KEY, Map.of("name", "ml")).field("id");
        String key = api.post(path + "/api-keys", MASTER_KEY, Map.of("name", "k")).field("id");
        assertThat(api.post(path + "/budgets", MASTER_KEY, Map.of("limit", 100)).status()).isEqualTo(201);
        assertThat(api.post(path + "/teams/" + team + "/budget", MASTER_KEY, Map.of("limit", 50)).status()).isEqualTo(201);
        assertThat(api.post(path + "/api-keys/" + key + "/budget", MASTER_KEY, Map.of("limit", 20)).status()).isEqualTo(201);

        record(org, team, key, "3.00", NOW.minus(Duration.ofHours(2)));    // last 24 h
        record(org, team, null, "1.00", NOW.minus(Duration.ofHours(30)));  // the 24 h before
        record(org, null, null, "7.00", NOW.minus(Duration.ofDays(10)));   // the week before
        record(org, team, key, "100", NOW.minus(Duration.ofMinutes(20)));  // the current hour: not complete, not counted

        var viewer = userWithRole(org, "viewer");
        JsonNode orgTrends = trends(path + "/budgets/summary", viewer.token());
        assertChange(orgTrends.get("day_over_day"), "3", "1", "200");
        assertChange(orgTrends.get("week_over_week"), "4", "7",
                new BigDecimal("-300").divide(new BigDecimal("7"), 2, RoundingMode.HALF_EVEN).toPlainString());
        assertThat(orgTrends.get("run_rate_monthly").decimalValue()).isEqualByComparingTo(
                new BigDecimal("4").multiply(BigDecimal.valueOf(30)).divide(BigDecimal.valueOf(7), 10, RoundingMode.HALF_EVEN));

        JsonNode teamTrends = trends(path + "/teams/" + team + "/budget/summary", viewer.token());
        assertChange(teamTrends.get("day_over_day"), "3", "1", "200");
        assertChange(teamTrends.get("week_over_week"), "4", "0", null);

        JsonNode keyTrends = trends(path + "/api-keys/" + key + "/budget/summary", viewer.token());
        assertChange(keyTrends.get("day_over_day"), "3", "0", null);
        assertThat(keyTrends.get("run_rate_monthly").decimalValue()).isEqualByComparingTo(
                new BigDecimal("3").multiply(BigDecimal.valueOf(30)).divide(BigDecimal.valueOf(7), 10, RoundingMode.HALF_EVEN));

        var outsider = userWithRole(createOrganization(MASTER_KEY, "Else"), "owner");
        assertThat(api.get(path + "/budgets/summary", outsider.token()).status()).isEqualTo(404);
    }

    private JsonNode trends(String route, String token) {
        var r = api.get(route, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("usage_trends");
    }

    private static void assertChange(JsonNode change, String current, String previous, String percent) {
        assertThat(change.get("current_cost").decimalValue()).isEqualByComparingTo(current);
        assertThat(change.get("previous_cost").decimalValue()).isEqualByComparingTo(previous);
        if (percent == null) {
            assertThat(change.get("change_percent").isNull()).isTrue();
        } else {
            assertThat(change.get("change_percent").decimalValue()).isEqualByComparingTo(percent);
        }
    }

    private void record(String org, String team, String key, String cost, Instant at) {
        usage.record(new UsageRecord("req-" + unique() + unique(), org, team, key, null, null, "gpt-4o", "openai", null,
                "chat.completions", 10, 0, 10, new BigDecimal(cost), 100, 10, 200, null, "success", at));
    }
}
