package io.aihub.limits;

/** Which limit refused a request, and the gateway error code it maps to (DESIGN.md status table). */
public enum Limit {
    REQUESTS_PER_MINUTE("rate_limit_exceeded"),
    TOKENS_PER_MINUTE("rate_limit_exceeded"),
    MONTHLY_REQUESTS("quota_exceeded"),
    MONTHLY_TOKENS("quota_exceeded"),
    PARALLEL_REQUESTS("rate_limit_exceeded"),
    /** The counter store (Redis) could not be reached and the policy is fail-closed. */
    STORE_UNAVAILABLE("store_unavailable");

    private final String code;

    Limit(String code) {
        this.code = code;
    }

    /** The gateway's {@code error.code} for this refusal. */
    public String code() {
        return code;
    }
}
