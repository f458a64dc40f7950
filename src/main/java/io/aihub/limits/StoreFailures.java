package io.aihub.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a counter-store failure turns into a decision, by the named policy
 * {@code aihub.gateway.on-store-failure}. Every failure is counted in
 * {@code aihub.limits.store.failures{outcome=denied|allowed|dropped}} and logged, at most once per
 * {@link #LOG_INTERVAL} with the number of failures suppressed in between, so a Redis outage under
 * load does not flood the log. ("dropped": a settle/release that could not be applied.)
 */
public final class StoreFailures {

    static final String METRIC = "aihub.limits.store.failures";
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    /** How long a client refused for store_unavailable is told to wait. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(StoreFailures.class);

    private final OnStoreFailure policy;
    private final Clock clock;
    private final Counter denied;
    private final Counter allowed;
    private final Counter dropped;
    private final AtomicLong nextLogAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public StoreFailures(OnStoreFailure policy, MeterRegistry registry, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        this.denied = counter(registry, "denied");
        this.allowed = counter(registry, "allowed");
        this.dropped = counter(registry, "dropped");
    }

    public OnStoreFailure policy() {
        return policy;
    }

    /** The decision for a check that could not reach the store. */
    LimitDecision decide(String operation, RuntimeException cause) {
        if (policy == OnStoreFailure.FAIL_OPEN) {
            allowed.increment();
            report(operation, "allowed (fail-open)", cause);
            return LimitDecision.unlimited(clock.instant());
        }
        denied.increment();
        report(operation, "denied (fail-closed)", cause);
        return new LimitDecision.Denied(Limit.STORE_UNAVAILABLE, RETRY_AFTER);
    }

    /**
     * For other modules' checks that answer with their own types (budget reservations): counts and logs the
     * failure like {@link #decide} and answers whether the policy lets the request through.
     */
    public boolean allows(String operation, RuntimeException cause) {
        return decide(operation, cause) instanceof LimitDecision.Allowed;
    }

    /** A write that settles or releases could not be applied; the counter's TTL bounds the damage. */
    public void dropped(String operation, RuntimeException cause) {
        dropped.increment();
        report(operation, "not applied", cause);
    }

    private void report(String operation, String outcome, RuntimeException cause) {
        long now = System.nanoTime();
        long next = nextLogAt.get();
        if (next != Long.MIN_VALUE && now - next < 0) {
            suppressed.incrementAndGet();
            return;
        }
        if (!nextLogAt.compareAndSet(next, now + LOG_INTERVAL.toNanos())) {
            suppressed.incrementAndGet();
            return;
        }
        long skipped = suppressed.getAndSet(0);
        log.warn("Counter store unavailable: {} {} ({}){}", operation, outcome, describe(cause),
                skipped > 0 ? "; " + skipped + " more failures in the last " + LOG_INTERVAL.toSeconds() + " s" : "");
    }

    private static String describe(Throwable cause) {
        // The exception's message only: Redis URLs (which may carry a password) are never in Lettuce's messages
        // for command failures, and the stack trace adds nothing during an outage.
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(METRIC).tag("outcome", outcome)
                .description("Counter checks and writes that could not reach the counter store, by outcome")
                .register(registry);
    }
}
