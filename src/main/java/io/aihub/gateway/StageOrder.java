package io.aihub.gateway;

/**
 * Where each stage sits (DESIGN.md): authenticate → authorize → resolve model → estimate → rate
 * limit → quota → concurrency → reserve. Estimation (pure CPU: counting the prompt) runs before
 * the limits because the token-per-minute and monthly token counters charge the counted prompt.
 * Usage recording is outermost so its {@code after} runs last, once settlement is done.
 */
public final class StageOrder {

    public static final int RECORD_USAGE = 0;
    public static final int AUTHENTICATE = 100;
    public static final int AUTHORIZE = 200;
    public static final int RESOLVE_MODEL = 250;
    public static final int ESTIMATE = 270;
    public static final int RATE_LIMIT = 300;
    public static final int QUOTA = 400;
    public static final int CONCURRENCY = 500;
    public static final int RESERVE = 700;

    private StageOrder() {
    }
}
