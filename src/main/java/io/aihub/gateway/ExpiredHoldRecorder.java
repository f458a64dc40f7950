package io.aihub.gateway;

import io.aihub.budgets.BudgetHoldExpired;
import io.aihub.cluster.DurableUsage;
import io.aihub.usage.UsageRecord;
import io.aihub.usage.UsageService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * DESIGN guarantee 2 for a call whose instance stopped mid-request: its hold expires at the full amount
 * (the budget's side), and this writes the call's usage record at that same cost, outcome
 * {@code incomplete}, status 0 (no response was completed), error {@code hold_expired}. So the usage
 * records of an organization add up to what its budgets were charged, crash or not.
 *
 * <p>A call whose real outcome arrives later (still running past {@code aihub.budgets.hold-timeout}, or its
 * instance's journal replayed after a slow restart) replaces this record, and its hold is settled at the real
 * cost: see {@code UsageService.record} and {@code BudgetService.settleOrRecord}.
 */
@Component
class ExpiredHoldRecorder {

    private static final Logger log = LoggerFactory.getLogger(ExpiredHoldRecorder.class);

    private final DurableUsage usage;
    private final GatewaySettings settings;
    private final JsonMapper json;

    ExpiredHoldRecorder(DurableUsage usage, GatewaySettings settings, JsonMapper json) {
        this.usage = usage;
        this.settings = settings;
        this.json = json;
    }

    @EventListener
    void on(BudgetHoldExpired expired) {
        if (expired.note() == null || !settings.usageTracking()) {
            return; // not a gateway call's hold, or usage is not recorded at all
        }
        HeldCall call;
        try {
            call = json.readValue(expired.note(), HeldCall.class);
        } catch (RuntimeException e) {
            log.error("expired hold {} has a note that is not a gateway call; no usage record written", expired.requestId());
            return;
        }
        UsageRecord record = new UsageRecord(expired.requestId(), expired.scope().organizationId(),
                expired.scope().teamId(), expired.scope().apiKeyId(), call.userId(), call.endUser(), call.model(), null,
                null, call.endpoint(), call.promptTokens(), 0, 0, expired.spent(), null, null, 0, "hold_expired",
                UsageService.INCOMPLETE, expired.heldAt());
        // Through the journal: if the database refuses now, the record is written on its retry schedule.
        usage.complete(expired.requestId(), record, null);
    }
}
