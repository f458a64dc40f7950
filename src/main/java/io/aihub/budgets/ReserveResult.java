package io.aihub.budgets;

import java.math.BigDecimal;

/** What {@link BudgetService#reserve} answers: a value, never an exception, so the gateway maps it in one place. */
public sealed interface ReserveResult {

    /** The amount is held on every budget in scope; settle or release it with {@code requestId}. */
    record Reserved(String requestId, BigDecimal amount) implements ReserveResult {
    }

    /**
     * A hard budget would be exceeded; nothing was held anywhere. {@code level} is {@code organization},
     * {@code team} or {@code api_key}; {@code remaining} is what that budget still had.
     */
    record Denied(String level, BigDecimal remaining, String reason) implements ReserveResult {
    }

    /**
     * The shared counter store (Redis) could not be reached and {@code aihub.gateway.on-store-failure} is
     * {@code fail-closed}: nothing was held; the gateway answers 503 and the client may retry shortly.
     */
    record Unavailable(String reason) implements ReserveResult {
    }
}
