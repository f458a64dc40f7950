package io.aihub.limits;

import io.aihub.support.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one contract every counter store keeps. Subclasses plug in an implementation (in process,
 * Redis); time is a {@link MutableClock} both implementations read, so sliding windows, month
 * boundaries and lease expiry are tested without sleeping.
 */
abstract class CounterContractTests {

    static final Instant START = Instant.parse("2026-03-10T12:00:00Z");
    static final Duration LEASE_TTL = Duration.ofSeconds(30);

    MutableClock clock;
    StoreFailures failures;

    abstract RateLimiter rateLimiter(Clock clock);

    abstract QuotaCounter quotaCounter(Clock clock, QuotaSeedSource seeds);

    abstract ParallelLimiter parallelLimiter(Clock clock, Duration leaseTtl);

    @BeforeEach
    void freshClock() {
        clock = new MutableClock(START);
        failures = new StoreFailures(OnStoreFailure.FAIL_CLOSED, new SimpleMeterRegistry(), clock);
    }

    static String subject() {
        return "key-" + UUID.randomUUID();
    }

    void at(double seconds) {
        clock.set(START.plusMillis(Math.round(seconds * 1000)));
    }

    static void assertAllowed(LimitDecision decision) {
        assertThat(decision).isInstanceOf(LimitDecision.Allowed.class);
    }

    static LimitDecision.Denied assertDenied(LimitDecision decision, Limit limit) {
        assertThat(decision).isInstanceOf(LimitDecision.Denied.class);
        LimitDecision.Denied denied = (LimitDecision.Denied) decision;
        assertThat(denied.limit()).isEqualTo(limit);
        return denied;
    }

    // --- rate limits -------------------------------------------------------------------------------

    @Test
    void requestsCountForSixtySecondsThenTheEarliestSlideOut() {
        RateLimiter limiter = rateLimiter(clock);
        String key = subject();
        for (int second = 0; second < 60; second++) {
            at(second);
            assertAllowed(limiter.tryAcquire(key, 60, null, 0));
        }
        at(59.5);
        assertThat(assertDenied(limiter.tryAcquire(key, 60, null, 0), Limit.REQUESTS_PER_MINUTE).retryAfter())
                .isEqualTo(Duration.ofMillis(500));
        at(61);
        // The requests of seconds 0 and 1 no longer count: exactly two fit.
        assertAllowed(limiter.tryAcquire(key, 60, null, 0));
        assertAllowed(limiter.tryAcquire(key, 60, null, 0));
        assertThat(assertDenied(limiter.tryAcquire(key, 60, null, 0), Limit.REQUESTS_PER_MINUTE).retryAfter())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aNewClockMinuteDoesNotResetTheWindow() {
        RateLimiter limiter = rateLimiter(clock);
        String key = subject();
        at(58); // 12:00:58
        for (int i = 0; i < 10; i++) {
            assertAllowed(limiter.tryAcquire(key, 10, null, 0));
        }
        at(61); // 12:01:01 — a fixed window would start from zero here
        assertThat(assertDenied(limiter.tryAcquire(key, 10, null, 0), Limit.REQUESTS_PER_MINUTE).retryAfter())
                .isEqualTo(Duration.ofSeconds(57));
        at(118);
        assertAllowed(limiter.tryAcquire(key, 10, null, 0));
    }

    @Test
    void retryAfterWaitsForJustEnoughOldBucketsToSlideOut() {
        RateLimiter limiter = rateLimiter(clock);
        String key = subject();
        at(10);
        limiter.tryAcquire(key, 5, null, 0);
        limiter.tryAcquire(key, 5, null, 0);
        at(20);
        for (int i = 0; i < 3; i++) {
            assertAllowed(limiter.tryAcquire(key, 5, null, 0));
        }
        at(30.25);
        assertThat(assertDenied(limiter.tryAcquire(key, 5, null, 0), Limit.REQUESTS_PER_MINUTE).retryAfter())
                .isEqualTo(Duration.ofMillis(39_750));
    }

    @Test
    void remainingRequestsAndTokensShrinkWithEachRequest() {
        RateLimiter limiter = rateLimiter(clock);
        String key = subject();
        LimitDecision.Allowed first = (LimitDecision.Allowed) limiter.tryAcquire(key, 3, 1000, 100);
        assertThat(first.remainingRequests()).isEqualTo(2);
        assertThat(first.remainingTokens()).isEqualTo(900);
        assertThat(first.at()).isEqualTo(START);
        LimitDecision.Allowed second = (LimitDecision.Allowed) limiter.tryAcquire(key, 3, null, 300);
        assertThat(second.remainingRequests()).isEqualTo(1);
        assertThat(second.remainingTokens()).isNull();
    }

    @Test
    void tokensPerMinuteDeniesARequestWhoseEstimateWouldNotFit() {
        RateLimiter limiter = rateLimiter(clock);
        String key = subject();
        assertAllowed(limiter.tryAcquire(key, null, 1000, 600));
        at(5);
        assertThat(assertDenied(limiter.tryAcquire(key, null, 1000, 500), Limit.TOKENS_PER_MINUTE).retryAfter())
                .isEqualTo(Duration.ofSeconds(55));
        LimitDecision.Allowed fits = (LimitDecision.Allowed) limiter.tryAcquire(key, null, 1000, 400);
        assertThat(fits.remainingTokens()).isZero();
        assertThat(fits.remainingRequests()).isNull();
    }

    @Test
    void aRequestLargerThanTheWholeTokenLimitWaitsAFullWindow() {
        RateLimiter limiter = rateLimiter(clock);
        LimitDecision.Denied denied = assertDenied(limiter.tryAcquire(subject(), 100, 50, 51), Limit.TOKENS_PER_MINUTE);
        assertThat(denied.retryAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void whenBothLimitsAreExceededRequestsAreNamedAndTheLaterRetryWins() {
        RateLimiter limiter = rateLimiter(clock);
        String key = subject();
        assertAllowed(limiter.tryAcquire(key, 2, 100, 10));
        at(20);
        assertAllowed(limiter.tryAcquire(key, 2, 100, 90));
        at(30);
        // requests free up at 60 s (30 s away), tokens only at 80 s (50 s away)
        LimitDecision.Denied denied = assertDenied(limiter.tryAcquire(key, 2, 100, 50), Limit.REQUESTS_PER_MINUTE);
        assertThat(denied.retryAfter()).isEqualTo(Duration.ofSeconds(50));
    }

    @Test
    void adjustingTokensRefundsOrChargesTheBucketOfTheOriginalRequest() {
        RateLimiter limiter = rateLimiter(clock);
        String key = subject();
        Instant chargedAt = ((LimitDecision.Allowed) limiter.tryAcquire(key, null, 1000, 800)).at();
        at(1);
        limiter.adjustTokens(key, chargedAt, -600); // actual usage was 200
        assertThat(((LimitDecision.Allowed) limiter.tryAcquire(key, null, 1000, 700)).remainingTokens()).isEqualTo(100);
        limiter.adjustTokens(key, chargedAt, 50); // actual usage was 250 after all
        assertDenied(limiter.tryAcquire(key, null, 1000, 100), Limit.TOKENS_PER_MINUTE);
        limiter.adjustTokens(key, chargedAt, -10_000); // never below zero: only the 250 go
        assertThat(((LimitDecision.Allowed) limiter.tryAcquire(key, null, 1000, 300)).remainingTokens()).isZero();
        at(70);
        limiter.adjustTokens(key, chargedAt, 5000); // slid out: no longer counts, so nothing to correct
        assertAllowed(limiter.tryAcquire(key, null, 1000, 1000));
    }

    @Test
    void noLimitsMeansAllowedWithNothingRemainingToReport() {
        LimitDecision decision = rateLimiter(clock).tryAcquire(subject(), null, null, 1_000_000);
        assertThat(decision).isEqualTo(new LimitDecision.Allowed(null, null, START));
    }

    @Test
    void subjectsHaveSeparateWindows() {
        RateLimiter limiter = rateLimiter(clock);
        String a = subject();
        assertAllowed(limiter.tryAcquire(a, 1, null, 0));
        assertDenied(limiter.tryAcquire(a, 1, null, 0), Limit.REQUESTS_PER_MINUTE);
        assertAllowed(limiter.tryAcquire(subject(), 1, null, 0));
    }

    @Test
    void manyThreadsNeverPassTheRequestLimit() throws Exception {
        RateLimiter limiter = rateLimiter(clock);
        String key = subject();
        int allowed = race(64, 5, () -> limiter.tryAcquire(key, 100, null, 1).allowed());
        assertThat(allowed).isEqualTo(100);
    }

    @Test
    void manyThreadsNeverPassTheTokenLimit() throws Exception {
        RateLimiter limiter = rateLimiter(clock);
        String key = subject();
        int allowed = race(64, 5, () -> limiter.tryAcquire(key, null, 1000, 7).allowed());
        assertThat(allowed).isEqualTo(1000 / 7);
    }

    // --- monthly quotas ----------------------------------------------------------------------------

    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    @Test
    void theQuotaMonthFollowsTheOrganizationsTimezone() {
        // 06:30 UTC on April 1st is still March 31st, 23:30 in Los Angeles (PDT, UTC-7).
        clock.set(Instant.parse("2026-04-01T06:30:00Z"));
        QuotaCounter quotas = quotaCounter(clock, QuotaSeedSource.NONE);
        String key = subject();
        QuotaPeriod march = QuotaPeriod.monthOf(clock.instant(), LOS_ANGELES);
        assertThat(march.key()).isEqualTo("2026-03");
        for (int i = 0; i < 3; i++) {
            assertAllowed(quotas.tryConsume(key, march, 3L, null, 0));
        }
        LimitDecision.Denied denied = assertDenied(quotas.tryConsume(key, march, 3L, null, 0), Limit.MONTHLY_REQUESTS);
        assertThat(denied.retryAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(Limit.MONTHLY_REQUESTS.code()).isEqualTo("quota_exceeded");

        clock.advance(Duration.ofMinutes(31));
        QuotaPeriod april = QuotaPeriod.monthOf(clock.instant(), LOS_ANGELES);
        assertThat(april.key()).isEqualTo("2026-04");
        LimitDecision.Allowed fresh = (LimitDecision.Allowed) quotas.tryConsume(key, april, 3L, null, 0);
        assertThat(fresh.remainingRequests()).isEqualTo(2);
    }

    @Test
    void tokenQuotaDeniesAnEstimateThatWouldPassIt() {
        QuotaCounter quotas = quotaCounter(clock, QuotaSeedSource.NONE);
        QuotaPeriod period = QuotaPeriod.monthOf(clock.instant(), LOS_ANGELES);
        String key = subject();
        assertAllowed(quotas.tryConsume(key, period, null, 1000L, 600));
        assertDenied(quotas.tryConsume(key, period, null, 1000L, 500), Limit.MONTHLY_TOKENS);
        LimitDecision.Allowed last = (LimitDecision.Allowed) quotas.tryConsume(key, period, 10L, 1000L, 400);
        assertThat(last.remainingTokens()).isZero();
        assertThat(last.remainingRequests()).isEqualTo(8); // the denied request was not counted
    }

    @Test
    void aCounterIsSeededFromTheDatabaseOnceAndThenCountsOnFromThere() {
        AtomicInteger loads = new AtomicInteger();
        QuotaCounter quotas = quotaCounter(clock, (subject, period) -> {
            loads.incrementAndGet();
            return new QuotaSeedSource.QuotaTotals(8, 900);
        });
        QuotaPeriod period = QuotaPeriod.monthOf(clock.instant(), LOS_ANGELES);
        String key = subject();
        LimitDecision.Allowed first = (LimitDecision.Allowed) quotas.tryConsume(key, period, 10L, 1000L, 50);
        assertThat(first.remainingRequests()).isEqualTo(1);
        assertThat(first.remainingTokens()).isEqualTo(50);
        assertAllowed(quotas.tryConsume(key, period, 10L, 1000L, 0));
        assertDenied(quotas.tryConsume(key, period, 10L, 1000L, 0), Limit.MONTHLY_REQUESTS);
        assertThat(loads).hasValue(1);
    }

    @Test
    void seedingSetsOnlyACounterThatDoesNotExistYet() {
        QuotaCounter quotas = quotaCounter(clock, (subject, period) -> {
            throw new AssertionError("an explicitly seeded counter must not be loaded again");
        });
        QuotaPeriod period = QuotaPeriod.monthOf(clock.instant(), LOS_ANGELES);
        String key = subject();
        assertThat(quotas.seed(key, period, 5, 0)).isTrue();
        assertThat(quotas.seed(key, period, 1, 0)).isFalse();
        LimitDecision.Allowed allowed = (LimitDecision.Allowed) quotas.tryConsume(key, period, 6L, null, 0);
        assertThat(allowed.remainingRequests()).isZero();
        assertDenied(quotas.tryConsume(key, period, 6L, null, 0), Limit.MONTHLY_REQUESTS);
    }

    @Test
    void settlingCorrectsTokensAndRefundsRequests() {
        QuotaCounter quotas = quotaCounter(clock, QuotaSeedSource.NONE);
        QuotaPeriod period = QuotaPeriod.monthOf(clock.instant(), LOS_ANGELES);
        String key = subject();
        assertAllowed(quotas.tryConsume(key, period, 1L, 1000L, 800));
        quotas.add(key, period, -1, -500); // refused later in the pipeline; and only 300 tokens were used
        LimitDecision.Allowed allowed = (LimitDecision.Allowed) quotas.tryConsume(key, period, 1L, 1000L, 700);
        assertThat(allowed.remainingTokens()).isZero();
        assertThat(allowed.remainingRequests()).isZero();
    }

    @Test
    void settlingACounterThatDoesNotExistLeavesItToTheSeed() {
        QuotaCounter quotas = quotaCounter(clock, (subject, period) -> new QuotaSeedSource.QuotaTotals(2, 0));
        QuotaPeriod period = QuotaPeriod.monthOf(clock.instant(), LOS_ANGELES);
        String key = subject();
        quotas.add(key, period, 5, 5);
        LimitDecision.Allowed allowed = (LimitDecision.Allowed) quotas.tryConsume(key, period, 10L, null, 0);
        assertThat(allowed.remainingRequests()).isEqualTo(7);
    }

    @Test
    void aSeedThatCannotBeReadFollowsTheFailurePolicy() {
        QuotaCounter quotas = quotaCounter(clock, (subject, period) -> {
            throw new IllegalStateException("database down");
        });
        LimitDecision decision = quotas.tryConsume(subject(), QuotaPeriod.monthOf(clock.instant(), LOS_ANGELES), 1L,
                null, 0);
        assertDenied(decision, Limit.STORE_UNAVAILABLE);
    }

    @Test
    void manyThreadsNeverPassTheMonthlyQuota() throws Exception {
        QuotaCounter quotas = quotaCounter(clock, (subject, period) -> new QuotaSeedSource.QuotaTotals(20, 0));
        QuotaPeriod period = QuotaPeriod.monthOf(clock.instant(), LOS_ANGELES);
        String key = subject();
        int allowed = race(64, 5, () -> quotas.tryConsume(key, period, 120L, null, 0).allowed());
        assertThat(allowed).isEqualTo(100);
    }

    @Test
    void reconciliationRaisesACounterThatFellBelowTheDatabase() {
        java.util.concurrent.atomic.AtomicReference<QuotaSeedSource.QuotaTotals> database =
                new java.util.concurrent.atomic.AtomicReference<>(new QuotaSeedSource.QuotaTotals(5, 100));
        QuotaSeedSource seeds = (subject, period) -> database.get();
        QuotaCounter quotas = quotaCounter(clock, seeds);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        QuotaReconciler reconciler = new QuotaReconciler((QuotaStore) quotas, seeds, clock, failures, registry);
        QuotaPeriod period = QuotaPeriod.monthOf(clock.instant(), LOS_ANGELES);
        String key = subject();
        assertAllowed(quotas.tryConsume(key, period, 10L, null, 10)); // counter: 6 requests, 110 tokens

        // Usage the counter never saw (e.g. counts lost in a Redis failover) reaches the database.
        database.set(new QuotaSeedSource.QuotaTotals(9, 500));
        assertThat(reconciler.reconcile()).isEqualTo(new QuotaReconciler.Drift(6 - 9, 110 - 500));
        assertThat(registry.get("aihub.limits.quota.drift").tag("kind", "tokens").gauge().value()).isEqualTo(-390);
        assertThat(registry.get("aihub.limits.quota.raised").counter().count()).isEqualTo(1);

        LimitDecision.Allowed allowed = (LimitDecision.Allowed) quotas.tryConsume(key, period, 10L, null, 0);
        assertThat(allowed.remainingRequests()).isZero();
        assertThat(reconciler.reconcile()).isEqualTo(new QuotaReconciler.Drift(1, 0));
    }

    @Test
    void reconciliationLeavesACounterAboveTheDatabaseAndSkipsFinishedPeriods() {
        QuotaSeedSource seeds = (subject, period) -> new QuotaSeedSource.QuotaTotals(5, 100);
        QuotaCounter quotas = quotaCounter(clock, seeds);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        QuotaReconciler reconciler = new QuotaReconciler((QuotaStore) quotas, seeds, clock, failures, registry);
        QuotaPeriod march = QuotaPeriod.monthOf(clock.instant(), LOS_ANGELES);
        String key = subject();
        assertAllowed(quotas.tryConsume(key, march, 7L, null, 10)); // in flight: not in the database yet

        assertThat(reconciler.reconcile()).isEqualTo(new QuotaReconciler.Drift(1, 10));
        assertThat(registry.get("aihub.limits.quota.raised").counter().count()).isZero();
        assertThat(((LimitDecision.Allowed) quotas.tryConsume(key, march, 7L, null, 0)).remainingRequests()).isZero();

        clock.set(march.end());
        assertThat(reconciler.reconcile()).isEqualTo(new QuotaReconciler.Drift(0, 0));
    }

    // --- parallel requests -------------------------------------------------------------------------

    @Test
    void inFlightRequestsAreCappedAndAReleaseFreesASlot() {
        ParallelLimiter limiter = parallelLimiter(clock, LEASE_TTL);
        String key = subject();
        assertThat(((LimitDecision.Allowed) limiter.acquire(key, 2, "req-a")).remainingRequests()).isEqualTo(1);
        assertThat(((LimitDecision.Allowed) limiter.acquire(key, 2, "req-b")).remainingRequests()).isZero();
        assertDenied(limiter.acquire(key, 2, "req-c"), Limit.PARALLEL_REQUESTS);
        limiter.release(key, "req-a");
        assertAllowed(limiter.acquire(key, 2, "req-c"));
    }

    @Test
    void aLeakedLeaseStopsCountingAfterItsTtl() {
        ParallelLimiter limiter = parallelLimiter(clock, LEASE_TTL);
        String key = subject();
        assertAllowed(limiter.acquire(key, 2, "req-a"));
        assertAllowed(limiter.acquire(key, 2, "req-b"));
        at(29.999);
        assertDenied(limiter.acquire(key, 2, "req-c"), Limit.PARALLEL_REQUESTS);
        at(30);
        // both holders "died" without releasing; their leases have run out
        assertThat(((LimitDecision.Allowed) limiter.acquire(key, 2, "req-c")).remainingRequests()).isEqualTo(1);
    }

    @Test
    void acquiringAHeldLeaseAgainTakesNoSecondSlot() {
        ParallelLimiter limiter = parallelLimiter(clock, LEASE_TTL);
        String key = subject();
        assertAllowed(limiter.acquire(key, 1, "req-a"));
        assertAllowed(limiter.acquire(key, 1, "req-a"));
        assertDenied(limiter.acquire(key, 1, "req-b"), Limit.PARALLEL_REQUESTS);
    }

    @Test
    void renewingKeepsALongRequestsLeaseAlive() {
        ParallelLimiter limiter = parallelLimiter(clock, LEASE_TTL);
        String key = subject();
        assertAllowed(limiter.acquire(key, 1, "req-a"));
        at(20);
        assertThat(limiter.renew(key, "req-a")).isTrue();
        at(40);
        assertDenied(limiter.acquire(key, 1, "req-b"), Limit.PARALLEL_REQUESTS);
        at(50);
        assertThat(limiter.renew(key, "req-a")).isFalse();
        assertAllowed(limiter.acquire(key, 1, "req-b"));
    }

    @Test
    void releasingAnUnknownLeaseChangesNothing() {
        ParallelLimiter limiter = parallelLimiter(clock, LEASE_TTL);
        String key = subject();
        assertAllowed(limiter.acquire(key, 1, "req-a"));
        limiter.release(key, "req-unknown");
        limiter.release(subject(), "req-a");
        assertDenied(limiter.acquire(key, 1, "req-b"), Limit.PARALLEL_REQUESTS);
    }

    @Test
    void manyThreadsNeverHoldMoreThanTheMaximum() throws Exception {
        ParallelLimiter limiter = parallelLimiter(clock, LEASE_TTL);
        String key = subject();
        AtomicInteger ids = new AtomicInteger();
        List<String> held = java.util.Collections.synchronizedList(new ArrayList<>());
        int allowed = race(64, 5, () -> {
            String id = "req-" + ids.incrementAndGet();
            boolean ok = limiter.acquire(key, 100, id).allowed();
            if (ok) {
                held.add(id);
            }
            return ok;
        });
        assertThat(allowed).isEqualTo(100);
        held.forEach(id -> limiter.release(key, id));
        assertThat(((LimitDecision.Allowed) limiter.acquire(key, 100, "req-after")).remainingRequests()).isEqualTo(99);
    }

    /** Runs {@code attempts} calls on each of {@code threads} threads, all released at once; returns how many were true. */
    static int race(int threads, int attempts, Callable<Boolean> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int passed = 0;
                    for (int i = 0; i < attempts; i++) {
                        if (call.call()) {
                            passed++;
                        }
                    }
                    return passed;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }
}
