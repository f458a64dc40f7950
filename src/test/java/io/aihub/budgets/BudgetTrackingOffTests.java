package io.aihub.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** BUDGET_TRACKING=false (its own context): holds still guard, but nothing is recorded as spend. */
@TestPropertySource(properties = "aihub.budgets.tracking=false")
class BudgetTrackingOffTests extends IntegrationTest {

    @Autowired
    BudgetService budgets;

    @Test
    void settleAndRecordUsageRecordNoSpend() {
        String orgId = createOrganization(MASTER_KEY, "Untracked");
        String path = "/api/v1/organizations/" + orgId + "/budgets";
        assertThat(api.post(path, MASTER_KEY, Map.of("limit", 10)).status()).isEqualTo(201);
        BudgetScope scope = BudgetScope.organization(orgId);

        assertThat(budgets.reserve(scope, new BigDecimal("11"), "over-" + orgId)).isInstanceOf(ReserveResult.Denied.class);
        assertThat(budgets.reserve(scope, new BigDecimal("8"), "ok-" + orgId)).isInstanceOf(ReserveResult.Reserved.class);
        budgets.settle("ok-" + orgId, new BigDecimal("8"));
        budgets.recordUsage(scope, new BigDecimal("5"), "rec-" + orgId);
        var budget = api.get(path, MASTER_KEY).json();
        assertThat(budget.get("current_spend").decimalValue()).isZero();
        assertThat(budget.get("reserved").decimalValue()).isZero();
        assertThat(budgets.holdStatus("ok-" + orgId)).contains("settled");
    }
}
