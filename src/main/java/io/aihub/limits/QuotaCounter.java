package io.aihub.limits;

/**
 * Monthly request and token quotas per subject. A counter that does not exist yet (first use in a
 * period, after a restart, or when Redis started empty) is seeded from the usage records through
 * {@link QuotaSeedSource} before the first increment, so it is set from the database, never added to.
 */
public interface QuotaCounter {

    /**
     * Counts one request and {@code tokens} estimated tokens if the quotas allow it: a request
     * passes while {@code requests + 1 <= requestQuota} and {@code tokens used + tokens <= tokenQuota}.
     *
     * @param requestQuota null = unlimited
     * @param tokenQuota   null = unlimited
     */
    LimitDecision tryConsume(String subject, QuotaPeriod period, Long requestQuota, Long tokenQuota, long tokens);

    /**
     * Settles a counted request: {@code tokensDelta} = actual - estimated tokens; {@code requestsDelta}
     * = -1 refunds a request the pipeline refused after counting it. A counter that does not exist is
     * left alone (its seed from the database will include the settled usage).
     */
    void add(String subject, QuotaPeriod period, long requestsDelta, long tokensDelta);

    /**
     * Sets a counter to the given totals unless it already exists ("set, not added to"); returns
     * whether it was set. Used at start-up or by reconciliation; first use seeds by itself. Unlike the
     * checks, this throws when the store cannot be reached: its caller decides what to do.
     */
    boolean seed(String subject, QuotaPeriod period, long requests, long tokens);
}
