package io.aihub.gateway;

import io.aihub.cluster.DurableUsage;
import io.aihub.usage.UsageRecord;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes the one usage record of every call that was forwarded upstream. Outermost stage: its
 * {@code after} runs last, after the response's last byte and after settlement.
 *
 * <p>Durably: a successful call's record and the cost its hold settles at are journaled (fsynced) in
 * {@link #delivering}, before the client sees the end of the response; {@code after} hands them to be written to the
 * database, after which the journal entry is marked done. If the instance dies in between, or the database does not
 * take the write, the journal writes it later (at start-up, or on its retry schedule) — see docs/cluster.md.
 * The database writes are batched on the journal's writer thread ({@link DurableUsage#completeLater}): the
 * request thread only hands the entry over, and the next request on the connection does not wait for them.
 */
@Component
class UsageRecordingStage implements GatewayStage {

    private static final Logger log = LoggerFactory.getLogger(UsageRecordingStage.class);

    private final DurableUsage usage;
    private final GatewaySettings settings;
    private final Clock clock;

    UsageRecordingStage(DurableUsage usage, GatewaySettings settings, Clock clock) {
        this.usage = usage;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public int order() {
        return StageOrder.RECORD_USAGE;
    }

    @Override
    public void delivering(GatewayCall call, Outcome outcome) {
        if (recorded(call, outcome)) {
            usage.promise(call.requestId(), record(call, outcome), outcome.cost());
        }
    }

    @Override
    public void after(GatewayCall call, Outcome outcome) {
        if (!recorded(call, outcome)) {
            return;
        }
        try {
            // The settlement was applied by the reservation stage already; repeating it here is a no-op,
            // and makes a journal replay settle it if that one could not reach the database.
            usage.completeLater(call.requestId(), record(call, outcome), outcome.cost());
        } catch (RuntimeException e) {
            log.error("usage record of request {} could not be written", call.requestId(), e);
        }
    }

    private boolean recorded(GatewayCall call, Outcome outcome) {
        return outcome.reachedUpstream() && call.principal() != null && settings.usageTracking();
    }

    private UsageRecord record(GatewayCall call, Outcome outcome) {
        GatewayPrincipal principal = call.principal();
        TokenUsage tokens = outcome.usage();
        return new UsageRecord(call.requestId(), principal.organizationId(), principal.teamId(),
                principal.apiKeyId(), principal.userId(), call.endUser(), call.model().name(), outcome.provider(),
                outcome.deployment(), call.endpoint().wireName(), tokens.promptTokens(), tokens.cachedTokens(),
                tokens.completionTokens(), outcome.cost(), outcome.latencyMs(), outcome.ttftMs(),
                outcome.statusCode(), outcome.errorCode(), outcome.result().equals("partial") ? "partial"
                        : outcome.succeeded() ? "success" : "error", clock.instant());
    }
}
