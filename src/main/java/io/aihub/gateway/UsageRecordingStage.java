package io.aihub.gateway;

import io.aihub.usage.UsageRecord;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes the one usage record of every call that was forwarded upstream. Outermost stage: its
 * {@code after} runs last, after the response's last byte and after settlement. The record is
 * handed to the {@link UsageWriter}, which writes it in a batch off the request thread.
 */
@Component
class UsageRecordingStage implements GatewayStage {

    private static final Logger log = LoggerFactory.getLogger(UsageRecordingStage.class);

    private final UsageWriter usage;
    private final GatewaySettings settings;
    private final Clock clock;

    UsageRecordingStage(UsageWriter usage, GatewaySettings settings, Clock clock) {
        this.usage = usage;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public int order() {
        return StageOrder.RECORD_USAGE;
    }

    @Override
    public Decision before(GatewayCall call) {
        return Decision.allow();
    }

    @Override
    public void after(GatewayCall call, Outcome outcome) {
        GatewayPrincipal principal = call.principal();
        if (!outcome.reachedUpstream() || principal == null || !settings.usageTracking()) {
            return;
        }
        TokenUsage tokens = outcome.usage();
        try {
            usage.submit(new UsageRecord(call.requestId(), principal.organizationId(), principal.teamId(),
                    principal.apiKeyId(), principal.userId(), call.endUser(), call.model().name(), outcome.provider(),
                    outcome.deployment(), call.endpoint().wireName(), tokens.promptTokens(), tokens.cachedTokens(),
                    tokens.completionTokens(), outcome.cost(), outcome.latencyMs(), outcome.ttftMs(),
                    outcome.statusCode(), outcome.errorCode(), outcome.result().equals("partial") ? "partial"
                            : outcome.succeeded() ? "success" : "error", clock.instant()));
        } catch (RuntimeException e) {
            log.error("usage record of request {} could not be written", call.requestId(), e);
        }
    }
}
