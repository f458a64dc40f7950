package io.aihub.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compares every live quota counter of a current period with the database on a schedule
 * ({@code aihub.limits.reconcile-interval}) and publishes the difference as
 * {@code aihub.limits.quota.drift{kind=requests|tokens}} (counter minus database, summed over counters).
 * Positive drift is normal — requests in flight, refunds not yet applied. A counter BELOW the database
 * (writes lost in a Redis failover, settlements dropped while Redis was down) would let a quota be
 * overrun, so it is raised to the database's totals and counted in {@code aihub.limits.quota.raised}.
 */
final class QuotaReconciler {

    static final int MAX_COUNTERS_PER_RUN = 100_000;

    private final QuotaStore store;
    private final QuotaSeedSource database;
    private final Clock clock;
    private final StoreFailures failures;
    private final AtomicLong requestDrift = new AtomicLong();
    private final AtomicLong tokenDrift = new AtomicLong();
    private final Counter raised;

    QuotaReconciler(QuotaStore store, QuotaSeedSource database, Clock clock, StoreFailures failures,
            MeterRegistry registry) {
        this.store = store;
        this.database = database;
        this.clock = clock;
        this.failures = failures;
        Gauge.builder("aihub.limits.quota.drift", requestDrift, AtomicLong::get).tag("kind", "requests")
                .description("Quota counters minus the usage database at the last reconciliation").register(registry);
        Gauge.builder("aihub.limits.quota.drift", tokenDrift, AtomicLong::get).tag("kind", "tokens")
                .description("Quota counters minus the usage database at the last reconciliation").register(registry);
        this.raised = Counter.builder("aihub.limits.quota.raised")
                .description("Quota counters found below the usage database and raised to it").register(registry);
    }

    /** One pass; returns the drift it measured. */
    Drift reconcile() {
        Instant now = clock.instant();
        long requests = 0;
        long tokens = 0;
        try {
            for (QuotaStore.Snapshot counter : store.snapshot(MAX_COUNTERS_PER_RUN)) {
                if (!counter.period().end().isAfter(now)) {
                    continue; // a finished period: nothing left to enforce
                }
                QuotaSeedSource.QuotaTotals recorded = database.load(counter.subject(), counter.period());
                requests += counter.requests() - recorded.requests();
                tokens += counter.tokens() - recorded.tokens();
                if (counter.requests() < recorded.requests() || counter.tokens() < recorded.tokens()) {
                    store.raise(counter.subject(), counter.period(), recorded.requests(), recorded.tokens());
                    raised.increment();
                }
            }
        } catch (RuntimeException e) {
            failures.dropped("quota reconciliation", e);
            return null;
        }
        requestDrift.set(requests);
        tokenDrift.set(tokens);
        return new Drift(requests, tokens);
    }

    record Drift(long requests, long tokens) {
    }
}
