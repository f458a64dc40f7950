package io.aihub.gateway;

/**
 * One step of the control pipeline. {@link #before} runs in ascending {@link #order()} and may
 * refuse; every stage whose {@code before} ran gets {@link #after} exactly once, in reverse order,
 * whatever happened next (refusal by a later stage, upstream error, timeout, client disconnect),
 * which is how reservations never leak. {@code after} runs after the response was sent.
 */
public interface GatewayStage {

    /** Position in the pipeline; see {@link StageOrder}. */
    int order();

    /** Allows by default: a stage that only observes outcomes (usage, metrics) has nothing to check. */
    default Decision before(GatewayCall call) {
        return Decision.allow();
    }

    default void after(GatewayCall call, Outcome outcome) {
    }

    /**
     * A successful call's outcome is known and its last bytes are about to reach the client: for what must be
     * durable before the client can see success (the usage journal). Runs at most once, before {@code after};
     * not for refusals, errors or broken streams. Keep it short: the client is waiting.
     */
    default void delivering(GatewayCall call, Outcome outcome) {
    }
}
