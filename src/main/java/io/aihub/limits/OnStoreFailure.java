package io.aihub.limits;

/** What a counter check answers when the counter store (Redis) cannot be reached. */
public enum OnStoreFailure {
    /** Deny with {@link Limit#STORE_UNAVAILABLE}: limits and budgets can never be overrun. */
    FAIL_CLOSED,
    /** Allow without counting: the gateway stays up, limits are not enforced while the store is down. */
    FAIL_OPEN
}
