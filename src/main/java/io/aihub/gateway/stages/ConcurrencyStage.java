package io.aihub.gateway.stages;

import io.aihub.gateway.Decision;
import io.aihub.gateway.GatewayCall;
import io.aihub.gateway.GatewayStage;
import io.aihub.gateway.Outcome;
import io.aihub.gateway.StageOrder;
import io.aihub.keys.ApiKeyPrincipal;
import io.aihub.limits.LimitDecision;
import io.aihub.limits.ParallelLimiter;
import org.springframework.stereotype.Component;

/**
 * Stage 5: at most {@code max_parallel_requests} calls of a key in flight, 429
 * {@code rate_limit_exceeded} with {@code Retry-After: 1}. The lease is the request id; {@code after}
 * (after the last byte, streams included) gives it back.
 */
@Component
class ConcurrencyStage implements GatewayStage {

    private static final String LEASE = ConcurrencyStage.class.getName();

    private final ParallelLimiter leases;

    ConcurrencyStage(ParallelLimiter leases) {
        this.leases = leases;
    }

    @Override
    public int order() {
        return StageOrder.CONCURRENCY;
    }

    @Override
    public Decision before(GatewayCall call) {
        ApiKeyPrincipal key = call.principal().key();
        if (key == null || key.maxParallelRequests() == null) {
            return Decision.allow();
        }
        LimitDecision decision = leases.acquire(key.keyId(), key.maxParallelRequests(), call.requestId());
        if (decision instanceof LimitDecision.Denied denied) {
            return Decision.deny(LimitRefusals.error(denied));
        }
        call.attributes().put(LEASE, Boolean.TRUE);
        return Decision.allow();
    }

    @Override
    public void after(GatewayCall call, Outcome outcome) {
        if (call.attributes().remove(LEASE) != null) {
            leases.release(call.principal().apiKeyId(), call.requestId());
        }
    }
}
