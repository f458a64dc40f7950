package io.aihub.gateway.stages;

import io.aihub.budgets.BudgetScope;
import io.aihub.budgets.BudgetService;
import io.aihub.budgets.ReserveResult;
import io.aihub.gateway.Decision;
import io.aihub.gateway.GatewayCall;
import io.aihub.gateway.GatewayError;
import io.aihub.gateway.GatewayPrincipal;
import io.aihub.gateway.GatewayStage;
import io.aihub.gateway.HeldCall;
import io.aihub.gateway.Outcome;
import io.aihub.gateway.StageOrder;
import io.aihub.pricing.CostCalculator;
import io.aihub.pricing.CostEstimate;
import io.aihub.pricing.ModelPrice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stage 7: holds the worst-case cost on every budget in scope (organization, team, key), all or
 * none, 402 {@code budget_exceeded} when a hard budget cannot take it.
 *
 * <p>A request without {@code max_tokens} would otherwise be held at the model's full max output;
 * instead its output is capped to what the tightest hard budget still affords, and the gateway
 * sends that cap upstream as {@code max_tokens}. If not even the prompt (plus one output token) is
 * affordable, the call is refused. {@code after} settles the actual cost when an upstream was
 * reached (errors and partial streams included: what was produced is spent), and releases the hold
 * otherwise.
 */
@Component
class BudgetReservationStage implements GatewayStage {

    private static final String HOLD = BudgetReservationStage.class.getName();
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final BudgetService budgets;
    private final JsonMapper json;

    BudgetReservationStage(BudgetService budgets, JsonMapper json) {
        this.budgets = budgets;
        this.json = json;
    }

    @Override
    public int order() {
        return StageOrder.RESERVE;
    }

    @Override
    public Decision before(GatewayCall call) {
        GatewayPrincipal principal = call.principal();
        BudgetScope scope = new BudgetScope(principal.organizationId(), principal.teamId(), principal.apiKeyId());
        CostEstimate estimate = call.estimate();
        BigDecimal amount = estimate.cost();
        if (!outputCapped(call.body()) && estimate.maxOutputTokens() > 0) {
            Optional<BigDecimal> remaining = budgets.remaining(scope);
            if (remaining.isPresent() && remaining.get().compareTo(amount) < 0) {
                long choices = choices(call.body());
                long affordable = affordableOutputPerChoice(call.price(), estimate.promptTokens(), choices,
                        remaining.get());
                if (affordable < 1) {
                    return Decision.deny(new GatewayError.BudgetExceeded("budget_exceeded: the remaining budget ("
                            + remaining.get().toPlainString() + " USD) does not cover this request's prompt."));
                }
                long perChoice = estimate.maxOutputTokens() / choices;
                if (affordable < perChoice) {
                    call.capMaxTokens(affordable);
                    amount = CostCalculator.cost(call.price(), estimate.promptTokens(), 0, affordable * choices);
                }
            }
        }
        // The note lets an expired hold (this instance stopped mid-call) become the call's usage record.
        return switch (budgets.reserve(scope, amount, call.requestId(), HeldCall.of(call).toNote(json))) {
            case ReserveResult.Denied denied -> Decision.deny(new GatewayError.BudgetExceeded(denied.reason()));
            // Redis (the shared budget counters) unreachable and on-store-failure is fail-closed: nothing was held.
            case ReserveResult.Unavailable unavailable -> Decision.deny(new GatewayError.ServiceUnavailable(
                    "Budget counters are unavailable; retry shortly."));
            case ReserveResult.Reserved reserved -> {
                call.attributes().put(HOLD, reserved);
                yield Decision.allow();
            }
        };
    }

    @Override
    public void after(GatewayCall call, Outcome outcome) {
        if (call.attributes().remove(HOLD) == null) {
            return;
        }
        if (outcome.reachedUpstream()) {
            budgets.settle(call.requestId(), outcome.cost());
        } else {
            budgets.release(call.requestId());
        }
    }

    /** Whole output tokens per choice that {@code remaining} pays for after the prompt. */
    static long affordableOutputPerChoice(ModelPrice price, long promptTokens, long choices, BigDecimal remaining) {
        BigDecimal left = remaining.subtract(CostCalculator.cost(price, promptTokens, 0, 0));
        if (left.signum() <= 0) {
            return 0;
        }
        if (price.outputPerMillion().signum() == 0) {
            return Long.MAX_VALUE;
        }
        BigDecimal perToken = price.outputPerMillion().multiply(BigDecimal.valueOf(choices));
        return left.multiply(MILLION).divide(perToken, 0, RoundingMode.FLOOR).min(BigDecimal.valueOf(Long.MAX_VALUE))
                .longValueExact();
    }

    private static boolean outputCapped(JsonNode body) {
        return body.has("max_tokens") || body.has("max_completion_tokens");
    }

    private static long choices(JsonNode body) {
        JsonNode n = body.get("n");
        return n != null && n.isIntegralNumber() && n.asLong() > 1 ? n.asLong() : 1;
    }
}
