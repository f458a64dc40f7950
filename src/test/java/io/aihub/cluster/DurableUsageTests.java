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

    @Test
    void writtenBehindRequestsAreSettledRecordedAndDoneOnceTheBacklogDrains() {
        String orgId = createOrganization(MASTER_KEY, "Journal");
        assertThat(api.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY, Map.of("limit", 10)).status())
                .isEqualTo(201);
        BudgetScope scope = BudgetScope.organization(orgId);
        // settledLive: the gateway's path (the reservation stage settled it in memory before the record);
        // stillHeld: a hold nobody settled yet; neverHeld: the ledger never saw a hold for it.
        String settledLive = "req-behind-a-" + unique();
        String stillHeld = "req-behind-b-" + unique();
        String neverHeld = "req-behind-c-" + unique();
        assertThat(budgets.reserve(scope, new BigDecimal("2"), settledLive)).isInstanceOf(ReserveResult.Reserved.class);
        assertThat(budgets.reserve(scope, new BigDecimal("2"), stillHeld)).isInstanceOf(ReserveResult.Reserved.class);
        budgets.settle(settledLive, new BigDecimal("0.5"));

        durable.promise(settledLive, record(orgId, settledLive, "0.5"), new BigDecimal("0.5"));
        durable.completeLater(settledLive, record(orgId, settledLive, "0.5"), new BigDecimal("0.5"));
        durable.completeLater(stillHeld, record(orgId, stillHeld, "0.25"), new BigDecimal("0.25"));
        durable.completeLater(neverHeld, record(orgId, neverHeld, "0.125"), new BigDecimal("0.125"));
        durable.drain(); // what the writer thread does every interval, and every usage read first

        assertThat(budgets.holdStatus(settledLive)).contains("settled");
        assertThat(budgets.holdStatus(stillHeld)).contains("settled");
        assertThat(budgets.holdStatus(neverHeld)).contains("recorded");
        assertThat(durable.replay(true)).isZero(); // all done in the journal: nothing is written twice
        var totals = usage.totals(UsageFilter.organization(orgId), Instant.now().minusSeconds(3600), Instant.now().plusSeconds(60));
        assertThat(totals.requests()).isEqualTo(3);
        assertThat(totals.cost()).isEqualByComparingTo("0.875");
        var budget = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
        assertThat(budget.get("current_spend").decimalValue()).isEqualByComparingTo("0.875");
        assertThat(budget.get("reserved").decimalValue()).isZero();
    }

    @Test
    void aUsageReadIncludesRequestsStillInTheBacklog() {
        String orgId = createOrganization(MASTER_KEY, "Journal");
        String requestId = "req-behind-" + unique();
        durable.completeLater(requestId, record(orgId, requestId, "0.25"), null);
        // no drain here: the read drains the backlog itself
        var totals = usage.totals(UsageFilter.organization(orgId), Instant.now().minusSeconds(3600), Instant.now().plusSeconds(60));
        assertThat(totals.requests()).isEqualTo(1);
        assertThat(durable.replay(true)).isZero();
    }

    @Test
    void aBatchWithAnAlreadyRecordedRequestStillWritesTheOthersOnce() {
        String orgId = createOrganization(MASTER_KEY, "Journal");
        String first = "req-behind-dup-" + unique();
        String second = "req-behind-new-" + unique();
        assertThat(durable.complete(first, record(orgId, first, "0.25"), null)).isTrue();
        durable.completeLater(first, record(orgId, first, "0.25"), null); // written before: skipped, not doubled
        durable.completeLater(second, record(orgId, second, "0.5"), null);
        durable.drain();
        var totals = usage.totals(UsageFilter.organization(orgId), Instant.now().minusSeconds(3600), Instant.now().plusSeconds(60));
        assertThat(totals.requests()).isEqualTo(2);
        assertThat(totals.cost()).isEqualByComparingTo("0.75");
        assertThat(durable.replay(true)).isZero();
    }
}
