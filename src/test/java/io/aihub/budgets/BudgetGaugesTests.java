package io.aihub.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Budget gauges on the Prometheus scrape: one series per organization and scope, the tightest budget of a scope. */
class BudgetGaugesTests extends IntegrationTest {

    @Autowired
    BudgetService budgets;
    @Autowired
    BudgetGauges gauges;

    @Test
    void remainingAndUsagePercentageAreScrapedPerOrganizationAndScope() {
        String org = createOrganization(MASTER_KEY, "Gauged");
        String path = "/api/v1/organizations/" + org;
        assertThat(api.post(path + "/budgets", MASTER_KEY, Map.of("limit", 100)).status()).isEqualTo(201);
        String small = api.post(path + "/teams", MASTER_KEY, Map.of("name", "small")).field("id");
        String large = api.post(path + "/teams", MASTER_KEY, Map.of("name", "large")).field("id");
        assertThat(api.post(path + "/teams/" + small + "/budget", MASTER_KEY, Map.of("limit", 10)).status()).isEqualTo(201);
        assertThat(api.post(path + "/teams/" + large + "/budget", MASTER_KEY, Map.of("limit", 50)).status()).isEqualTo(201);
        budgets.recordUsage(new BudgetScope(org, small, null), new BigDecimal("8"), "req-" + unique());
        budgets.recordUsage(new BudgetScope(org, large, null), new BigDecimal("17"), "req-" + unique());

        gauges.refresh();

        List<String> lines = scrape(org);
        assertThat(value(lines, "aihub_budget_remaining_usd", "scope=\"organization\"")).isEqualTo(75.0);
        assertThat(value(lines, "aihub_budget_usage_percentage", "scope=\"organization\"")).isEqualTo(25.0);
        // Two team budgets, one series: the small team's 2 USD left and 80 %.
        assertThat(value(lines, "aihub_budget_remaining_usd", "scope=\"team\"")).isEqualTo(2.0);
        assertThat(value(lines, "aihub_budget_usage_percentage", "scope=\"team\"")).isEqualTo(80.0);
        assertThat(lines.stream().filter(l -> l.startsWith("aihub_budget_remaining_usd{"))).hasSize(2);
        assertThat(String.join("\n", lines)).doesNotContain(small).doesNotContain(large);

        assertThat(api.delete(path + "/teams/" + small + "/budget", MASTER_KEY).status()).isEqualTo(204);
        gauges.refresh();
        assertThat(value(scrape(org), "aihub_budget_remaining_usd", "scope=\"team\"")).isEqualTo(33.0);
    }

    private List<String> scrape(String mustContain) {
        var r = api.get("/actuator/prometheus", null);
        assertThat(r.status()).isEqualTo(200);
        return r.body().lines().filter(l -> !l.startsWith("#") && l.contains(mustContain)).toList();
    }

    private static double value(List<String> lines, String... parts) {
        return lines.stream().filter(l -> List.of(parts).stream().allMatch(l::contains)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no line with " + List.of(parts) + " in " + lines));
    }
}
