package io.aihub.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The ledger is written behind (batched, off the request thread): every read of it still sees every
 * change made before, and a queued change the database refuses leaves the counters as the ledger says.
 */
class LedgerWriteBehindTests extends IntegrationTest {

    @Autowired
    BudgetService budgets;

    @Autowired
    HoldLedger ledger;

    private String orgWithBudget(int limit) {
        String orgId = createOrganization(MASTER_KEY, "Write-behind");
        assertThat(api.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY, Map.of("limit", limit)).status())
                .isEqualTo(201);
        return orgId;
    }

    @Test
    void aHoldSettledBeforeItWasWrittenReachesTheLedgerFinished() {
        String orgId = orgWithBudget(10);
        BudgetScope scope = BudgetScope.organization(orgId);
        budgets.reserve(scope, new BigDecimal("3"), "wb-" + orgId);
        budgets.settle("wb-" + orgId, new BigDecimal("1.5"));

        assertThat(budgets.holdStatus("wb-" + orgId)).contains("settled");
        assertThat(ledger.queued()).isZero();
        var budget = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
        assertThat(budget.get("current_spend").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(budget.get("reserved").decimalValue()).isZero();
    }

    @Test
    void anOpenHoldIsInTheLedgerForTheNextRead() {
        String orgId = orgWithBudget(10);
        budgets.reserve(BudgetScope.organization(orgId), new BigDecimal("4"), "open-" + orgId);

        assertThat(budgets.holdStatus("open-" + orgId)).contains("held");
        assertThat(ledger.reserved(new BudgetCounterStore.CounterKey(budgetId(orgId), periodStart(orgId))))
                .isEqualByComparingTo("4");
    }

    @Test
    void aReserveRetriedWithAFinishedRequestIdEndsUpHoldingNothing() {
        String orgId = orgWithBudget(10);
        BudgetScope scope = BudgetScope.organization(orgId);
        budgets.reserve(scope, new BigDecimal("2"), "used-" + orgId);
        budgets.settle("used-" + orgId, new BigDecimal("2"));
        assertThat(budgets.holdStatus("used-" + orgId)).contains("settled");

        // The id is no longer open in memory, so the counters take the hold; the ledger refuses the row.
        assertThat(budgets.reserve(scope, new BigDecimal("5"), "used-" + orgId)).isInstanceOf(ReserveResult.Reserved.class);
        assertThat(budgets.holdStatus("used-" + orgId)).contains("settled");
        budgets.reloadRejected();

        var budget = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
        assertThat(budget.get("current_spend").decimalValue()).isEqualByComparingTo("2");
        assertThat(budget.get("reserved").decimalValue()).isZero();
        assertThat(budgets.reserve(scope, new BigDecimal("8"), "next-" + orgId)).isInstanceOf(ReserveResult.Reserved.class);
    }

    @Test
    void aReplayedSettlementWhoseHoldNeverReachedTheLedgerIsRecordedOnce() {
        String orgId = orgWithBudget(10);
        BudgetScope scope = BudgetScope.organization(orgId);
        budgets.settleOrRecord(scope, "lost-" + orgId, new BigDecimal("1.25"));
        budgets.settleOrRecord(scope, "lost-" + orgId, new BigDecimal("1.25"));
        budgets.reserve(scope, new BigDecimal("1"), "kept-" + orgId);
        budgets.settleOrRecord(scope, "kept-" + orgId, new BigDecimal("0.5"));

        assertThat(budgets.holdStatus("lost-" + orgId)).contains("recorded");
        assertThat(budgets.holdStatus("kept-" + orgId)).contains("settled");
        var budget = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
        assertThat(budget.get("current_spend").decimalValue()).isEqualByComparingTo("1.75");
        assertThat(budget.get("reserved").decimalValue()).isZero();
    }

    private String budgetId(String orgId) {
        return api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).field("id");
    }

    private java.time.Instant periodStart(String orgId) {
        return java.time.Instant.parse(api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).field("period_start"));
    }
}
