package io.aihub.gateway;

import io.aihub.pricing.CostEstimator;
import org.springframework.stereotype.Component;

/**
 * Estimates the call's worst-case cost (counted prompt at the input price plus the maximum output
 * at the output price) for the reservation stage after it. The actual cost is computed from the
 * upstream's usage when the call ends and handed to every stage in {@link Outcome#cost()}.
 */
@Component
class CostEstimationStage implements GatewayStage {

    private final CostEstimator estimator;

    CostEstimationStage(CostEstimator estimator) {
        this.estimator = estimator;
    }

    @Override
    public int order() {
        return StageOrder.ESTIMATE;
    }

    @Override
    public Decision before(GatewayCall call) {
        call.estimate(estimator.worstCase(call.model(), call.price(), call.body()));
        return Decision.allow();
    }
}
