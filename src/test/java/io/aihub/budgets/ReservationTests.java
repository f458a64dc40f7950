package io.aihub.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The gateway's API: all-or-none across scopes, soft budgets, idempotency, settle above the hold. */
class ReservationTests extends IntegrationTest {

    @Autowired
    BudgetService budgets;

    private String org() {
        return createOrganization(MASTER_KEY, "Reserve");
    }

    private String team(String orgId) {
        return api.post("/api/v1/organizations/" + orgId + "/teams", MASTER_KEY, Map.of("name", "t-" + unique())).field("id");
    }

    private void budget(String path, Object limit, boolean hard) {
        var created = api.post(path, MASTER_KEY, Map.of("limit", limit, "hard_limit", hard));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    @Test
    void theTightestBudgetInScopeDeniesAndNothingIsHeldAnywhere() {
        String orgId = org();
        String teamId = team(orgId);
        budget("/api/v1/organizations/" + orgId + "/budgets", 100, true);
        budget("/api/v1/organizations/" + orgId + "/teams/" + teamId + "/budget", 5, true);
        String keyId = createApiKey(orgId, Map.of("team_id", teamId)).id();
        budget("/api/v1/organizations/" + orgId + "/api-keys/" + keyId + "/budget", 50, true);
        BudgetScope scope = new BudgetScope(orgId, teamId, keyId);

        assertThat(budgets.reserve(scope, new BigDecimal("4"), "a-" + orgId)).isInstanceOf(ReserveResult.Reserved.class);
        var denied = budgets.reserve(scope, new BigDecimal("2"), "b-" + orgId);
        assertThat(denied).isInstanceOfSatisfying(ReserveResult.Denied.class, d -> {
            assertThat(d.level()).isEqualTo("team");
            assertThat(d.remaining()).isEqualByComparingTo("1");
            assertThat(d.reason()).startsWith("budget_exceeded");
        });
        var org = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
        assertThat(org.get("reserved").decimalValue()).isEqualByComparingTo("4");
        assertThat(budgets.remaining(scope)).contains(new BigDecimal("1"));
        // Outside the team the organization still has room.
        assertThat(budgets.reserve(BudgetScope.organization(orgId), new BigDecimal("2"), "c-" + orgId))
                .isInstanceOf(ReserveResult.Reserved.class);
    }

    @Test
    void reserveAndSettleAreIdempotentAndSpendAboveTheHoldIsKept() {
        String orgId = org();
        budget("/api/v1/organizations/" + orgId + "/budgets", 10, true);
        BudgetScope scope = BudgetScope.organization(orgId);
        budgets.reserve(scope, new BigDecimal("2"), "x-" + orgId);
        budgets.reserve(scope, new BigDecimal("2"), "x-" + orgId);
        var b = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
        assertThat(b.get("reserved").decimalValue()).isEqualByComparingTo("2");

        budgets.settle("x-" + orgId, new BigDecimal("2.5"));
        budgets.settle("x-" + orgId, new BigDecimal("2.5"));
        budgets.release("x-" + orgId);
        b = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
        assertThat(b.get("current_spend").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(b.get("reserved").decimalValue()).isZero();

        budgets.recordUsage(scope, new BigDecimal("1.25"), "y-" + orgId);
        budgets.recordUsage(scope, new BigDecimal("1.25"), "y-" + orgId);
        b = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
        assertThat(b.get("current_spend").decimalValue()).isEqualByComparingTo("3.75");
        assertThat(budgets.holdStatus("y-" + orgId)).contains("recorded");
    }

    @Test
    void aReleasedHoldSpendsNothing() {
        String orgId = org();
        budget("/api/v1/organizations/" + orgId + "/budgets", 10, true);
        budgets.reserve(BudgetScope.organization(orgId), new BigDecimal("9"), "r-" + orgId);
        budgets.release("r-" + orgId);
        var b = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
        assertThat(b.get("current_spend").decimalValue()).isZero();
        assertThat(b.get("reserved").decimalValue()).isZero();
        assertThat(budgets.holdStatus("r-" + orgId)).contains("released");
    }

    @Test
    void aSoftBudgetNeverDenies() {
        String orgId = org();
        budget("/api/v1/organizations/" + orgId + "/budgets", 1, false);
        var result = budgets.reserve(BudgetScope.organization(orgId), new BigDecimal("5"), "s-" + orgId);
        assertThat(result).isInstanceOf(ReserveResult.Reserved.class);
        assertThat(budgets.remaining(BudgetScope.organization(orgId))).isEmpty();
    }

    @Test
    void withoutAnyBudgetEverythingIsAllowed() {
        String orgId = org();
        assertThat(budgets.reserve(BudgetScope.organization(orgId), new BigDecimal("1000"), "n-" + orgId))
                .isInstanceOf(ReserveResult.Reserved.class);
        assertThat(budgets.remaining(BudgetScope.organization(orgId))).isEmpty();
        budgets.settle("n-" + orgId, new BigDecimal("3"));
        assertThat(budgets.holdStatus("n-" + orgId)).contains("settled");
    }
}
