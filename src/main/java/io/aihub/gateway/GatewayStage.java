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

    Decision before(GatewayCall call);

    default void after(GatewayCall call, Outcome outcome) {
    }
}
