package io.aihub.gateway.stages;

import io.aihub.gateway.Decision;
import io.aihub.gateway.GatewayCall;
import io.aihub.gateway.GatewayStage;
import io.aihub.gateway.Outcome;
import io.aihub.gateway.StageOrder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Refusals leave no usage record (nothing reached an upstream), so they are counted here instead:
 * {@code aihub.gateway.refusals{reason=<error code>}}. Outermost, beside usage recording.
 */
@Component
class RefusalCountingStage implements GatewayStage {

    static final String METRIC = "aihub.gateway.refusals";

    private final MeterRegistry registry;

    RefusalCountingStage(MeterRegistry registry) {
        this.registry = registry;
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
        if (!outcome.reachedUpstream() && outcome.errorCode() != null) {
            Counter.builder(METRIC).tag("reason", outcome.errorCode())
                    .description("Gateway calls refused before reaching an upstream, by error code")
                    .register(registry).increment();
        }
    }
}
