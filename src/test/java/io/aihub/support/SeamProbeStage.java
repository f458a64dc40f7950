package io.aihub.support;

import io.aihub.gateway.Decision;
import io.aihub.gateway.GatewayCall;
import io.aihub.gateway.GatewayError;
import io.aihub.gateway.GatewayStage;
import io.aihub.gateway.Outcome;
import io.aihub.gateway.StageOrder;
import io.aihub.pricing.CostEstimate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * TEST DOUBLE of a governance stage sitting where budget reservation will (after estimation). It
 * acts only on requests whose {@code user} field starts with {@code probe-}: {@code probe-deny}
 * is refused as over budget, {@code probe-cap-N} caps {@code max_tokens} at N; for every probe it
 * remembers the estimate its {@code before} saw and the outcome its {@code after} got.
 */
@Component
public class SeamProbeStage implements GatewayStage {

    public final Map<String, CostEstimate> estimates = new ConcurrentHashMap<>();
    public final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

    @Override
    public int order() {
        return StageOrder.RESERVE;
    }

    @Override
    public Decision before(GatewayCall call) {
        String user = call.endUser();
        if (user == null || !user.startsWith("probe-")) {
            return Decision.allow();
        }
        estimates.put(user, call.estimate());
        if (user.equals("probe-deny")) {
            return Decision.deny(new GatewayError.BudgetExceeded("The organization's monthly budget is spent."));
        }
        if (user.startsWith("probe-cap-")) {
            call.capMaxTokens(Long.parseLong(user.substring("probe-cap-".length()).replaceAll("-.*", "")));
        }
        return Decision.allow();
    }

    @Override
    public void after(GatewayCall call, Outcome outcome) {
        String user = call.endUser();
        if (user != null && user.startsWith("probe-")) {
            outcomes.put(user, outcome);
        }
    }
}
