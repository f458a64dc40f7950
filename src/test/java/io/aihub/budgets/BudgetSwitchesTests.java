package io.aihub.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.alerts.AlertService;
import io.aihub.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** BUDGET_HARD_LIMITS=false and BUDGET_ALERTS=false (their own context). */
@TestPropertySource(properties = {"aihub.budgets.hard-limits=false", "aihub.budgets.alerts=false"})
class BudgetSwitchesTests extends IntegrationTest {

    @Autowired
    BudgetService budgets;
    @Autowired
    AlertService alerts;

    @Test
    void withHardLimitsAndAlertsOffSpendIsRecordedButNeitherDeniedNorAlerted() {
        String orgId = createOrganization(MASTER_KEY, "Switches");
        String path = "/api/v1/organizations/" + orgId + "/budgets";
        assertThat(api.post(path, MASTER_KEY, Map.of("limit", 10, "alert_thresholds", List.of(1))).status()).isEqualTo(201);
        BudgetScope scope = BudgetScope.organization(orgId);

        assertThat(budgets.reserve(scope, new BigDecimal("50"), "big-" + orgId)).isInstanceOf(ReserveResult.Reserved.class);
        assertThat(budgets.remaining(scope)).isEmpty();
        budgets.settle("big-" + orgId, new BigDecimal("50"));
        assertThat(api.get(path, MASTER_KEY).json().get("current_spend").decimalValue()).isEqualByComparingTo("50");

        var check = api.post(path + "/check", MASTER_KEY, Map.of("estimated_cost", 1)).json();
        assertThat(check.get("allowed").asBoolean()).isTrue();
        assertThat(check.get("reason").asString()).contains("hard limits are switched off");

        assertThat(alerts.evaluatePending()).isZero();
        assertThat(api.get("/api/v1/budgets/alerts?organization_id=" + orgId, MASTER_KEY).json().get("data")).isEmpty();
    }
}
