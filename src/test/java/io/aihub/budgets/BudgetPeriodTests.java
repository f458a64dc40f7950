package io.aihub.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.ClockedIntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Periods, timezones, limit changes and hold expiry, with the clock moved by hand. */
class BudgetPeriodTests extends ClockedIntegrationTest {

    @Autowired
    BudgetService budgets;

    private String organization(String timezone) {
        var created = api.post("/api/v1/organizations", MASTER_KEY, Map.of("name", "Periods " + unique(), "timezone", timezone));
        assertThat(created.status()).isEqualTo(201);
        return created.field("id");
    }

    private JsonNode budget(String orgId) {
        var response = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    @Test
    void aMonthClosesIntoHistoryAndSpendStartsFromZero() {
        clock.set(Instant.parse("2026-01-31T22:00:00Z"));
        String orgId = organization("UTC");
        api.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY, Map.of("monthly_limit", 100));
        budgets.recordUsage(BudgetScope.organization(orgId), new BigDecimal("30.25"), "r1-" + orgId);
        assertThat(budget(orgId).get("current_spend").decimalValue()).isEqualByComparingTo("30.25");
        assertThat(budget(orgId).get("period_start").asString()).isEqualTo("2026-01-01T00:00:00Z");

        clock.set(Instant.parse("2026-02-01T00:30:00Z"));
        JsonNode february = budget(orgId);
        assertThat(february.get("current_spend").decimalValue()).isZero();
        assertThat(february.get("period_start").asString()).isEqualTo("2026-02-01T00:00:00Z");
        assertThat(february.get("period_end").asString()).isEqualTo("2026-03-01T00:00:00Z");

        JsonNode history = api.get("/api/v1/organizations/" + orgId + "/budgets/usage", MASTER_KEY).json().get("history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("period_start").asString()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(history.get(0).get("final_spend").decimalValue()).isEqualByComparingTo("30.25");
        assertThat(history.get(0).get("limit").decimalValue()).isEqualByComparingTo("100");
        assertThat(history.get(0).get("peak_percentage").decimalValue()).isEqualByComparingTo("30.25");
    }

    @Test
    void aDailyPeriodEndsAtMidnightInTheOrganizationsTimezone() {
        // 23:30 in New York (EDT, UTC-4) on 9 March; UTC is already on 10 March.
        clock.set(Instant.parse("2026-03-10T03:30:00Z"));
        String orgId = organization("America/New_York");
        api.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY, Map.of("limit", 10, "period", "daily"));
        budgets.recordUsage(BudgetScope.organization(orgId), new BigDecimal("4"), "r2-" + orgId);
        JsonNode before = budget(orgId);
        assertThat(before.get("period_start").asString()).isEqualTo("2026-03-09T04:00:00Z");
        assertThat(before.get("current_spend").decimalValue()).isEqualByComparingTo("4");
        assertThat(before.has("monthly_limit")).isFalse();

        clock.set(Instant.parse("2026-03-10T04:00:00Z")); // midnight in New York
        JsonNode after = budget(orgId);
        assertThat(after.get("period_start").asString()).isEqualTo("2026-03-10T04:00:00Z");
        assertThat(after.get("current_spend").decimalValue()).isZero();
        assertThat(after.get("remaining").decimalValue()).isEqualByComparingTo("10");
    }

    @Test
    void changingTheLimitMidPeriodKeepsSpendAndHistoryShowsIt() {
        clock.set(Instant.parse("2026-04-10T12:00:00Z"));
        String orgId = organization("Europe/Berlin");
        String path = "/api/v1/organizations/" + orgId + "/budgets";
        api.post(path, MASTER_KEY, Map.of("limit", 100));
        budgets.recordUsage(BudgetScope.organization(orgId), new BigDecimal("40"), "r3-" + orgId);

        clock.advance(Duration.ofDays(2));
        var updated = api.put(path, MASTER_KEY, Map.of("limit", 50));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("current_spend").decimalValue()).isEqualByComparingTo("40");
        assertThat(updated.json().get("usage_percentage").decimalValue()).isEqualByComparingTo("80");
        assertThat(updated.json().get("remaining").decimalValue()).isEqualByComparingTo("10");

        JsonNode changes = api.get(path + "/usage", MASTER_KEY).json().get("limit_changes");
        assertThat(changes.get(0).get("old_limit").decimalValue()).isEqualByComparingTo("100");
        assertThat(changes.get(0).get("new_limit").decimalValue()).isEqualByComparingTo("50");
        assertThat(changes.get(0).get("spend_at_change").decimalValue()).isEqualByComparingTo("40");

        clock.set(Instant.parse("2026-05-01T00:00:00Z")); // still April in Berlin (02:00 local is May: +2h)
        JsonNode history = api.get(path + "/usage", MASTER_KEY).json().get("history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("period_start").asString()).isEqualTo("2026-03-31T22:00:00Z");
        assertThat(history.get(0).get("limit").decimalValue()).isEqualByComparingTo("50");
        assertThat(history.get(0).get("final_spend").decimalValue()).isEqualByComparingTo("40");
        assertThat(history.get(0).get("peak_percentage").decimalValue()).isEqualByComparingTo("80");
    }

    @Test
    void projectionsExtrapolateTheSpendOfThePeriod() {
        clock.set(Instant.parse("2026-06-01T08:00:00Z"));
        String orgId = organization("UTC");
        api.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY, Map.of("limit", 300));
        budgets.recordUsage(BudgetScope.organization(orgId), new BigDecimal("10"), "r4-" + orgId);
        clock.set(Instant.parse("2026-06-05T12:00:00Z")); // day 5 of 30
        budgets.recordUsage(BudgetScope.organization(orgId), new BigDecimal("40"), "r5-" + orgId);

        JsonNode b = budget(orgId);
        // The seed's linear formula: 50 spent over 5 days passed, 30 days in June.
        assertThat(b.get("projected_spend").decimalValue()).isEqualByComparingTo("300");
        assertThat(b.get("daily_spend")).hasSize(5);
        assertThat(b.get("daily_spend").get(0).get("spend").decimalValue()).isEqualByComparingTo("10");
        assertThat(b.get("daily_spend").get(4).get("spend").decimalValue()).isEqualByComparingTo("40");
        // Run rate: 50 over the 4 days 4 hours since the budget exists, for the remaining 25.5 days.
        BigDecimal perSecond = new BigDecimal("50").divide(BigDecimal.valueOf(Duration.ofHours(100).toSeconds()), 20,
                java.math.RoundingMode.HALF_UP);
        BigDecimal expected = new BigDecimal("50").add(perSecond.multiply(BigDecimal.valueOf(Duration.ofHours(612).toSeconds())));
        assertThat(b.get("run_rate_projected_spend").decimalValue().subtract(expected).abs()).isLessThan(new BigDecimal("0.000001"));
        assertThat(Instant.parse(b.get("projected_exhaustion_at").asString())).isBetween(
                Instant.parse("2026-06-26T07:59:00Z"), Instant.parse("2026-06-26T08:01:00Z")); // 250 left at 0.5 per hour
    }

    @Test
    void anUnsettledHoldExpiresAtItsFullAmount() {
        clock.set(Instant.parse("2026-07-01T10:00:00Z"));
        String orgId = organization("UTC");
        api.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY, Map.of("limit", 10));
        BudgetScope scope = BudgetScope.organization(orgId);
        assertThat(budgets.reserve(scope, new BigDecimal("3"), "held-" + orgId)).isInstanceOf(ReserveResult.Reserved.class);
        assertThat(budget(orgId).get("reserved").decimalValue()).isEqualByComparingTo("3");

        clock.advance(Duration.ofMinutes(9));
        budgets.expireHolds();
        assertThat(budgets.holdStatus("held-" + orgId)).contains("held");

        clock.advance(Duration.ofMinutes(2));
        budgets.expireHolds();
        assertThat(budgets.holdStatus("held-" + orgId)).contains("expired");
        JsonNode b = budget(orgId);
        assertThat(b.get("current_spend").decimalValue()).isEqualByComparingTo("3");
        assertThat(b.get("reserved").decimalValue()).isZero();
        budgets.settle("held-" + orgId, new BigDecimal("1")); // too late: idempotent, changes nothing
        assertThat(budget(orgId).get("current_spend").decimalValue()).isEqualByComparingTo("3");
    }
    @Test
    void changingThePeriodClosesTheCurrentOneAndLaterRolloversStillWork() {
        clock.set(Instant.parse("2026-09-07T09:00:00Z")); // a Monday
        String orgId = organization("UTC");
        String path = "/api/v1/organizations/" + orgId + "/budgets";
        api.post(path, MASTER_KEY, Map.of("limit", 70, "period", "weekly"));
        budgets.recordUsage(BudgetScope.organization(orgId), new BigDecimal("7"), "w1-" + orgId);
        var daily = api.put(path, MASTER_KEY, Map.of("limit", 10, "period", "daily"));
        assertThat(daily.status()).isEqualTo(200);
        assertThat(daily.json().get("period_start").asString()).isEqualTo("2026-09-07T00:00:00Z");
        assertThat(daily.json().get("current_spend").decimalValue()).isEqualByComparingTo("7");

        clock.set(Instant.parse("2026-09-08T01:00:00Z"));
        var tuesday = api.get(path, MASTER_KEY);
        assertThat(tuesday.status()).isEqualTo(200);
        assertThat(tuesday.json().get("current_spend").decimalValue()).isZero();
        JsonNode history = api.get(path + "/usage", MASTER_KEY).json().get("history");
        assertThat(history).hasSize(1); // the weekly period closed at the change; Monday's row is that same start
        assertThat(history.get(0).get("final_spend").decimalValue()).isEqualByComparingTo("7");
    }
}
