package io.aihub.limits;

import java.util.List;

/** What the quota reconciler needs from a store beyond the public {@link QuotaCounter} contract. */
interface QuotaStore extends QuotaCounter {

    /** A live counter's totals. */
    record Snapshot(String subject, QuotaPeriod period, long requests, long tokens) {
    }

    /** The counters that exist now, at most {@code max} of them. */
    List<Snapshot> snapshot(int max);

    /**
     * Raises an existing counter to at least these totals (never lowers it); returns whether it existed.
     * Lowering is never safe: the difference may be requests in flight that have no usage record yet.
     */
    boolean raise(String subject, QuotaPeriod period, long requests, long tokens);
}
