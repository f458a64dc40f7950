package io.aihub.gateway.stages;

import io.aihub.gateway.GatewayCall;
import io.aihub.gateway.GatewayStage;
import io.aihub.gateway.Outcome;
import io.aihub.gateway.StageOrder;
import io.aihub.usage.UsageMetrics;
import org.springframework.stereotype.Component;

/**
 * Refusals leave no usage record (nothing reached an upstream), so they are counted here instead, in the
 * usage module's one refusal counter: {@code aihub_refusals_total{reason=<error code>}}. Outermost,
 * beside usage recording.
 */
@Component
class RefusalCountingStage implements GatewayStage {

    private final UsageMetrics metrics;

    RefusalCountingStage(UsageMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public int order() {
        return StageOrder.RECORD_USAGE;
    }

    @Override
    public void after(GatewayCall call, Outcome outcome) {
        if (!outcome.reachedUpstream() && outcome.errorCode() != null) {
            metrics.refused(outcome.errorCode());
        }
    }
}
