package io.aihub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.budgets.BudgetScope;
import io.aihub.budgets.BudgetService;
import io.aihub.budgets.ReserveResult;
import io.aihub.support.IntegrationTest;
import io.aihub.usage.UsageFilter;
import io.aihub.usage.UsageRecord;
import io.aihub.usage.UsageService;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A promised usage record and settlement are written by replay when the request never completed them. */
class DurableUsageTests extends IntegrationTest {

    @Autowired
    DurableUsage durable;
    @Autowired
    BudgetService budgets;
    @Autowired
    UsageService usage;

    UsageRecord record(String orgId, String requestId, String cost) {
        return new UsageRecord(requestId, orgId, null, null, null, null, "demo/echo", "demo", "demo", "chat.completions",
                10, 0, 5, new BigDecimal(cost), 12, 3, 200, null, "success", Instant.now());
    }

    @Test
    void aPromiseThatWasNeverCompletedIsWrittenAndSettledOnceByReplay() {
        String orgId = createOrganization(MASTER_KEY, "Journal");
        assertThat(api.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY, Map.of("limit", 10)).status())
                .isEqualTo(201);
        String requestId = "req-journal-" + unique();
        assertThat(budgets.reserve(BudgetScope.organization(orgId), new BigDecimal("2"), requestId))
                .isInstanceOf(ReserveResult.Reserved.class);

        durable.promise(requestId, record(orgId, requestId, "0.5"), new BigDecimal("0.5"));
        // ... and the instance "died" here: neither the usage record nor the settlement was written.
        assertThat(budgets.holdStatus(requestId)).contains("held");

        assertThat(durable.replay(true)).isGreaterThanOrEqualTo(1);
        assertThat(durable.replay(true)).isZero(); // done: nothing is written twice

        assertThat(budgets.holdStatus(requestId)).contains("settled");
        var totals = usage.totals(UsageFilter.organization(orgId), Instant.now().minusSeconds(3600), Instant.now().plusSeconds(60));
        assertThat(totals.requests()).isEqualTo(1);
        var budget = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
        assertThat(budget.get("current_spend").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(budget.get("reserved").decimalValue()).isZero();
    }

    @Test
    void completingARequestWritesItOnceAndLeavesNothingPending() {
        String orgId = createOrganization(MASTER_KEY, "Journal");
        String requestId = "req-journal-" + unique();
        assertThat(durable.complete(requestId, record(orgId, requestId, "0.25"), new BigDecimal("0.25"))).isTrue();
        assertThat(durable.complete(requestId, record(orgId, requestId, "0.25"), new BigDecimal("0.25"))).isTrue();
        var totals = usage.totals(UsageFilter.organization(orgId), Instant.now().minusSeconds(3600), Instant.now().plusSeconds(60));
        assertThat(totals.requests()).isEqualTo(1);
        assertThat(totals.cost()).isEqualByComparingTo("0.25");
    }
}
