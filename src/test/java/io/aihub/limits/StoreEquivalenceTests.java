package io.aihub.limits;

import io.aihub.support.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.RequiresRedis;
import io.aihub.support.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Random operation sequences run on both stores must give identical decisions, and the rate limiter's
 * must match a brute-force model of the sliding window written independently of both (a list of
 * charged requests; retry-after found by trying every future second). The seed is printed so a
 * failure can be replayed.
 */
@ExtendWith(RequiresRedis.class)
class StoreEquivalenceTests {

    static final String PREFIX = "aihub:test-" + UUID.randomUUID() + ":";
    static RedisConnector connector;

    final long seed = new Random().nextLong();
    final Random random = new Random(seed);
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-31T22:00:00Z")); // the quota run crosses midnight in Berlin
    final StoreFailures failures = new StoreFailures(OnStoreFailure.FAIL_CLOSED, new SimpleMeterRegistry(), clock);

    @BeforeAll
    static void connect() {
        connector = new RedisConnector(TestRedis.url(), Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    @AfterAll
    static void cleanUp() {
        if (connector != null) {
            connector.close();
            TestRedis.deleteKeys(PREFIX);
        }
    }

    /** One charged request in the model: when, and its (adjusted) tokens. */
    static final class Charge {
        final long atMillis;
        long tokens;

        Charge(long atMillis, long tokens) {
            this.atMillis = atMillis;
            this.tokens = tokens;
        }
    }

    @Test
    void rateLimitersAgreeWithEachOtherAndWithTheModel() {
        System.out.println("[StoreEquivalenceTests] rate seed " + seed);
        RateLimiter local = new InProcessRateLimiter(clock, 1000);
        RateLimiter redis = new RedisRateLimiter(connector, new RedisKeys(PREFIX), clock, failures);
        String key = "key-" + UUID.randomUUID();
        List<Charge> charges = new ArrayList<>();
        for (int step = 0; step < 1500; step++) {
            clock.advance(Duration.ofMillis(random.nextInt(random.nextInt(10) == 0 ? 20_000 : 1500)));
            if (random.nextInt(5) == 0 && !charges.isEmpty()) {
                Charge charge = charges.get(random.nextInt(charges.size()));
                long delta = random.nextInt(41) - 20;
                local.adjustTokens(key, Instant.ofEpochMilli(charge.atMillis), delta);
                redis.adjustTokens(key, Instant.ofEpochMilli(charge.atMillis), delta);
                if (second(charge.atMillis) > second(clock.millis()) - 60) {
                    // the model's charges are per request; the stores keep one bucket per second, floored at zero
                    applyToBucket(charges, charge.atMillis, delta);
                }
                continue;
            }
            Integer rpm = random.nextInt(4) == 0 ? null : 1 + random.nextInt(12);
            Integer tpm = random.nextInt(4) == 0 ? null : random.nextInt(300);
            long tokens = random.nextInt(60);
            LimitDecision expected = model(charges, rpm, tpm, tokens);
            LimitDecision inProcess = local.tryAcquire(key, rpm, tpm, tokens);
            LimitDecision inRedis = redis.tryAcquire(key, rpm, tpm, tokens);
            String context = "seed " + seed + ", step " + step + ", rpm " + rpm + ", tpm " + tpm + ", tokens " + tokens;
            assertThat(inProcess).as(context).isEqualTo(expected);
            assertThat(inRedis).as(context).isEqualTo(expected);
            if (expected.allowed() && (rpm != null || tpm != null)) {
                charges.add(new Charge(clock.millis(), tokens));
            }
        }
    }

    @Test
    void quotaCountersAgree() {
        System.out.println("[StoreEquivalenceTests] quota seed " + seed);
        QuotaSeedSource seeds = (subject, period) -> new QuotaSeedSource.QuotaTotals(3, 100);
        QuotaCounter local = new InProcessQuotaCounter(clock, seeds, failures, 1000, Duration.ofHours(1));
        QuotaCounter redis = new RedisQuotaCounter(connector, new RedisKeys(PREFIX), clock, seeds, failures);
        String key = "key-" + UUID.randomUUID();
        ZoneId zone = ZoneId.of("Europe/Berlin");
        for (int step = 0; step < 600; step++) {
            clock.advance(Duration.ofSeconds(random.nextInt(30)));
            QuotaPeriod period = QuotaPeriod.monthOf(clock.instant(), zone);
            if (random.nextInt(4) == 0) {
                long requests = random.nextInt(3) - 1;
                long tokens = random.nextInt(81) - 40;
                local.add(key, period, requests, tokens);
                redis.add(key, period, requests, tokens);
                continue;
            }
            Long requestQuota = random.nextInt(4) == 0 ? null : (long) random.nextInt(200);
            Long tokenQuota = random.nextInt(4) == 0 ? null : (long) random.nextInt(5000);
            long tokens = random.nextInt(50);
            assertThat(redis.tryConsume(key, period, requestQuota, tokenQuota, tokens))
                    .as("seed " + seed + ", step " + step)
                    .isEqualTo(local.tryConsume(key, period, requestQuota, tokenQuota, tokens));
        }
    }

    @Test
    void parallelLimitersAgree() {
        System.out.println("[StoreEquivalenceTests] parallel seed " + seed);
        Duration ttl = Duration.ofSeconds(20);
        ParallelLimiter local = new InProcessParallelLimiter(clock, ttl, 1000);
        ParallelLimiter redis = new RedisParallelLimiter(connector, new RedisKeys(PREFIX), clock, ttl, failures);
        String key = "key-" + UUID.randomUUID();
        for (int step = 0; step < 800; step++) {
            clock.advance(Duration.ofMillis(random.nextInt(3000)));
            String lease = "req-" + random.nextInt(12);
            String context = "seed " + seed + ", step " + step;
            switch (random.nextInt(4)) {
                case 0 -> {
                    local.release(key, lease);
                    redis.release(key, lease);
                }
                case 1 -> assertThat(redis.renew(key, lease)).as(context).isEqualTo(local.renew(key, lease));
                default -> {
                    int max = 1 + random.nextInt(6);
                    assertThat(redis.acquire(key, max, lease)).as(context).isEqualTo(local.acquire(key, max, lease));
                }
            }
        }
    }

    /** The sliding window by definition: requests charged in the last 60 whole seconds. */
    private LimitDecision model(List<Charge> charges, Integer rpm, Integer tpm, long tokens) {
        long now = clock.millis();
        if (rpm == null && tpm == null) {
            return new LimitDecision.Allowed(null, null, clock.instant());
        }
        long requests = countAt(charges, now, false);
        long used = countAt(charges, now, true);
        boolean requestsDenied = rpm != null && requests + 1 > rpm;
        boolean tokensDenied = tpm != null && used + tokens > tpm;
        if (!requestsDenied && !tokensDenied) {
            return new LimitDecision.Allowed(rpm == null ? null : rpm - requests - 1,
                    tpm == null ? null : tpm - used - tokens, clock.instant());
        }
        long retry = 0;
        if (requestsDenied) {
            retry = firstFit(charges, now, false, 1, rpm);
        }
        if (tokensDenied) {
            retry = Math.max(retry, firstFit(charges, now, true, tokens, tpm));
        }
        return new LimitDecision.Denied(requestsDenied ? Limit.REQUESTS_PER_MINUTE : Limit.TOKENS_PER_MINUTE,
                Duration.ofMillis(retry));
    }

    /** Milliseconds to the first future second at which {@code need} fits (nothing new charged meanwhile). */
    private static long firstFit(List<Charge> charges, long now, boolean tokens, long need, long limit) {
        for (long s = second(now) + 1; s <= second(now) + 60; s++) {
            if (countAt(charges, s * 1000, tokens) + need <= limit) {
                return s * 1000 - now;
            }
        }
        return 60_000;
    }

    private static long countAt(List<Charge> charges, long atMillis, boolean tokens) {
        long sum = 0;
        for (Charge charge : charges) {
            long s = second(charge.atMillis);
            if (s > second(atMillis) - 60 && s <= second(atMillis)) {
                sum += tokens ? charge.tokens : 1;
            }
        }
        return sum;
    }

    /** The stores adjust a whole second's bucket and floor it at zero; spread the model's delta the same way. */
    private static void applyToBucket(List<Charge> charges, long atMillis, long delta) {
        List<Charge> bucket = charges.stream().filter(c -> second(c.atMillis) == second(atMillis)).toList();
        long total = bucket.stream().mapToLong(c -> c.tokens).sum();
        long target = Math.max(0, total + delta);
        for (Charge charge : bucket) {
            charge.tokens = 0;
        }
        bucket.getFirst().tokens = target;
    }

    private static long second(long millis) {
        return Math.floorDiv(millis, 1000);
    }
}
