package io.aihub.limits;

/** Where a quota counter's starting totals come from: the settled usage of the subject in the period. */
@FunctionalInterface
public interface QuotaSeedSource {

    QuotaTotals load(String subject, QuotaPeriod period);

    /** Requests and tokens (prompt + completion) used so far. */
    record QuotaTotals(long requests, long tokens) {
    }

    QuotaSeedSource NONE = (subject, period) -> new QuotaTotals(0, 0);
}
