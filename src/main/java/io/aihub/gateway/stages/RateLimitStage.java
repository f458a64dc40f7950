package io.aihub.gateway.stages;

import io.aihub.gateway.Decision;
import io.aihub.gateway.GatewayCall;
import io.aihub.gateway.GatewayStage;
import io.aihub.gateway.Outcome;
import io.aihub.gateway.StageOrder;
import io.aihub.keys.ApiKeyPrincipal;
import io.aihub.limits.LimitDecision;
import io.aihub.limits.RateLimiter;
import org.springframework.stereotype.Component;

/**
 * Stage 3: requests and tokens per minute per key (sliding window), 429 {@code rate_limit_exceeded}
 * with {@code Retry-After}. Charges {@link LimitTokens#charged}; {@code after} corrects the charge
 * to the tokens actually used (none when the call never reached an upstream; the request itself
 * still counts, so a client hammering refused calls is slowed too).
 */
@Component
class RateLimitStage implements GatewayStage {

    static final String REMAINING_REQUESTS = "x-ratelimit-remaining-requests";
    static final String REMAINING_TOKENS = "x-ratelimit-remaining-tokens";
    private static final String CHARGE = RateLimitStage.class.getName();

    private final RateLimiter limiter;

    RateLimitStage(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public int order() {
        return StageOrder.RATE_LIMIT;
    }

    @Override
    public Decision before(GatewayCall call) {
        ApiKeyPrincipal key = call.principal().key();
        if (key == null || (key.rateLimitPerMinute() == null && key.tokensPerMinute() == null)) {
            return Decision.allow();
        }
        long tokens = LimitTokens.charged(call);
        LimitDecision decision = limiter.tryAcquire(key.keyId(), key.rateLimitPerMinute(), key.tokensPerMinute(), tokens);
        return switch (decision) {
            case LimitDecision.Denied denied -> Decision.deny(LimitRefusals.error(denied));
            case LimitDecision.Allowed allowed -> {
                call.attributes().put(CHARGE, new Charge(allowed, tokens));
                if (allowed.remainingRequests() != null) {
                    call.responseHeaders().put(REMAINING_REQUESTS, allowed.remainingRequests().toString());
                }
                if (allowed.remainingTokens() != null) {
                    call.responseHeaders().put(REMAINING_TOKENS, Long.toString(Math.max(0, allowed.remainingTokens())));
                }
                yield Decision.allow();
            }
        };
    }

    @Override
    public void after(GatewayCall call, Outcome outcome) {
        if (!(call.attributes().get(CHARGE) instanceof Charge charge) || call.principal().key().tokensPerMinute() == null) {
            return;
        }
        long delta = LimitTokens.actual(outcome) - charge.tokens();
        if (delta != 0) {
            limiter.adjustTokens(call.principal().apiKeyId(), charge.decision().at(), delta);
        }
    }

    private record Charge(LimitDecision.Allowed decision, long tokens) {
    }
}
