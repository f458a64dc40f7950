package io.aihub.limits;

/** Argument checks shared by both implementations, so they reject the same calls. */
final class Checks {

    private Checks() {
    }

    static void rate(Integer requestsPerMinute, Integer tokensPerMinute, long tokens) {
        nonNegative(requestsPerMinute, "requestsPerMinute");
        nonNegative(tokensPerMinute, "tokensPerMinute");
        nonNegative(tokens, "tokens");
    }

    static void quota(Long requestQuota, Long tokenQuota, long tokens) {
        if (requestQuota != null) {
            nonNegative(requestQuota, "requestQuota");
        }
        if (tokenQuota != null) {
            nonNegative(tokenQuota, "tokenQuota");
        }
        nonNegative(tokens, "tokens");
    }

    static void parallel(Integer max, String leaseId) {
        nonNegative(max, "max");
        if (leaseId == null || leaseId.isEmpty()) {
            throw new IllegalArgumentException("leaseId must not be empty");
        }
    }

    private static void nonNegative(Integer value, String name) {
        if (value != null) {
            nonNegative(value.longValue(), name);
        }
    }

    private static void nonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }
}
