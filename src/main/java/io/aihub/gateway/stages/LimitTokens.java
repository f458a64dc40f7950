package io.aihub.gateway.stages;

import io.aihub.gateway.GatewayCall;
import io.aihub.gateway.Outcome;

/**
 * The token count the per-minute and monthly token limits charge up front: the counted prompt plus
 * the output the client asked for ({@code max_tokens}/{@code max_completion_tokens} × {@code n}),
 * or the prompt alone when the client set no output cap. Charging a model's full max output (often
 * 16k+) for every uncapped call would refuse calls that use a fraction of it; the charge is corrected
 * to the actual count when the call ends, so the limit is exact after the fact either way.
 */
final class LimitTokens {

    private LimitTokens() {
    }

    static long charged(GatewayCall call) {
        var estimate = call.estimate();
        boolean outputCapped = call.body().has("max_tokens") || call.body().has("max_completion_tokens");
        return estimate.promptTokens() + (outputCapped ? estimate.maxOutputTokens() : 0);
    }

    /** Tokens the call actually used: prompt + completion when it reached an upstream, else none. */
    static long actual(Outcome outcome) {
        return outcome.reachedUpstream() ? outcome.usage().promptTokens() + outcome.usage().completionTokens() : 0;
    }
}
