package io.aihub.gateway.stages;

import io.aihub.gateway.Decision;
import io.aihub.gateway.GatewayCall;
import io.aihub.gateway.GatewayStage;
import io.aihub.gateway.Outcome;
import io.aihub.gateway.StageOrder;
import io.aihub.keys.ApiKeyPrincipal;
import io.aihub.limits.LimitDecision;
import io.aihub.limits.QuotaCounter;
import io.aihub.limits.QuotaPeriod;
import org.springframework.stereotype.Component;

/**
 * Stage 4: the key's monthly request and token quotas, months in the organization's timezone,
 * 429 {@code quota_exceeded} (no {@code Retry-After}: not retryable this period). {@code after}
 * settles the tokens to the actual count; a call that never reached an upstream (a later stage
 * refused it, or no deployment could take it) gets its request and tokens back, since quotas
 * count what the key consumed upstream, like the usage records they are seeded from.
 */
@Component
class QuotaStage implements GatewayStage {

    private static final String CHARGE = QuotaStage.class.getName();

    private final QuotaCounter quotas;
    private final OrganizationZones zones;

    QuotaStage(QuotaCounter quotas, OrganizationZones zones) {
        this.quotas = quotas;
        this.zones = zones;
    }

    @Override
    public int order() {
        return StageOrder.QUOTA;
    }

    @Override
    public Decision before(GatewayCall call) {
        ApiKeyPrincipal key = call.principal().key();
        if (key == null || (key.monthlyRequestQuota() == null && key.monthlyTokenQuota() == null)) {
            return Decision.allow();
        }
        QuotaPeriod period = QuotaPeriod.monthOf(call.startedAt(), zones.of(key.organizationId()));
        long tokens = LimitTokens.charged(call);
        LimitDecision decision = quotas.tryConsume(key.keyId(), period, key.monthlyRequestQuota(),
                key.monthlyTokenQuota(), tokens);
        if (decision instanceof LimitDecision.Denied denied) {
            return Decision.deny(LimitRefusals.error(denied));
        }
        call.attributes().put(CHARGE, new Charge(period, tokens));
        return Decision.allow();
    }

    @Override
    public void after(GatewayCall call, Outcome outcome) {
        if (!(call.attributes().get(CHARGE) instanceof Charge charge)) {
            return;
        }
        long requests = outcome.reachedUpstream() ? 0 : -1;
        long tokens = LimitTokens.actual(outcome) - charge.tokens();
        if (requests != 0 || tokens != 0) {
            quotas.add(call.principal().apiKeyId(), charge.period(), requests, tokens);
        }
    }

    private record Charge(QuotaPeriod period, long tokens) {
    }
}
