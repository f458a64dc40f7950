package io.aihub.gateway;

import java.math.BigDecimal;

/**
 * What happened to a call, handed to every stage's {@code after}. {@code result}: {@code success},
 * {@code error}, {@code refused} (a stage said no; nothing was forwarded) or {@code partial} (a
 * stream cut short, billed for what was produced). {@code cost} is the actual cost at the call's
 * price: settle with it. {@code reachedUpstream}: a provider was called.
 */
public record Outcome(String result, int statusCode, String errorCode, TokenUsage usage, BigDecimal cost,
        boolean reachedUpstream, String provider, String deployment, Integer latencyMs, Integer ttftMs) {

    public static Outcome refused(GatewayError error) {
        return new Outcome("refused", error.status(), error.code(), TokenUsage.NONE, BigDecimal.ZERO, false, null, null,
                null, null);
    }

    public boolean succeeded() {
        return "success".equals(result);
    }
}
