package io.aihub.limits;

/**
 * The key layout under the configured prefix (default {@code aihub:}). The subject sits in a hash
 * tag ({@code {subject}}) so all of one subject's counters land on the same Redis Cluster slot.
 * <pre>
 *   {prefix}rl:{subject}              hash  r:&lt;second&gt; / t:&lt;second&gt;   TTL: 61 s after the last request
 *   {prefix}quota:{subject}:&lt;period&gt;  hash  requests / tokens            expires 1 day after the period ends
 *   {prefix}par:{subject}             zset  lease id -&gt; expiry ms        TTL: lease TTL after the last acquire
 * </pre>
 */
record RedisKeys(String prefix) {

    String rate(String subject) {
        return prefix + "rl:{" + subject + "}";
    }

    String quota(String subject, QuotaPeriod period) {
        return prefix + "quota:{" + subject + "}:" + period.key();
    }

    /** SCAN pattern of every quota counter under this prefix. */
    String quotaPattern() {
        return prefix + "quota:{*";
    }

    /** The subject of a quota key, or null when the key is not one. */
    String quotaSubject(String key) {
        String start = prefix + "quota:{";
        int end = key.lastIndexOf("}:");
        return key.startsWith(start) && end > start.length() ? key.substring(start.length(), end) : null;
    }

    String parallel(String subject) {
        return prefix + "par:{" + subject + "}";
    }
}
