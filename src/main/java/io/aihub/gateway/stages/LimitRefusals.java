package io.aihub.gateway.stages;

import io.aihub.gateway.GatewayError;
import io.aihub.limits.LimitDecision;
import java.time.Duration;

/** Maps a limits refusal to the DESIGN.md status table. */
final class LimitRefusals {

    private LimitRefusals() {
    }

    static GatewayError error(LimitDecision.Denied denied) {
        return switch (denied.limit()) {
            case REQUESTS_PER_MINUTE -> new GatewayError.RateLimited(
                    "Rate limit reached: requests per minute for this API key.", seconds(denied.retryAfter()));
            case TOKENS_PER_MINUTE -> new GatewayError.RateLimited(
                    "Rate limit reached: tokens per minute for this API key.", seconds(denied.retryAfter()));
            case PARALLEL_REQUESTS -> new GatewayError.RateLimited(
                    "Too many requests in flight for this API key.", seconds(denied.retryAfter()));
            case MONTHLY_REQUESTS -> new GatewayError.QuotaExceeded(
                    "This API key's monthly request quota is used up.");
            case MONTHLY_TOKENS -> new GatewayError.QuotaExceeded(
                    "This API key's monthly token quota is used up.");
            case STORE_UNAVAILABLE -> new GatewayError.ServiceUnavailable(
                    "The limit store is unavailable; try again shortly.");
        };
    }

    /** Whole seconds, rounded up: a client that waits that long is not refused again for this reason. */
    private static long seconds(Duration retryAfter) {
        long millis = retryAfter.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
