package io.aihub.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.ClockedIntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Many threads, one hard budget: the settled spend never passes the limit, and every hold ends settled or expired. */
class ReservationConcurrencyTests extends ClockedIntegrationTest {

    @Autowired
    BudgetService budgets;

    @Test
    void sixtyFourThreadsNeverSpendPastAHardLimit() throws Exception {
        clock.set(Instant.parse("2026-05-10T10:00:00Z"));
        String orgId = createOrganization(MASTER_KEY, "Concurrent");
        BigDecimal limit = new BigDecimal("50.00");
        assertThat(api.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY, Map.of("limit", limit)).status())
                .isEqualTo(201);
        BudgetScope scope = BudgetScope.organization(orgId);

        Map<String, BigDecimal> settled = new ConcurrentHashMap<>();
        Map<String, BigDecimal> abandoned = new ConcurrentHashMap<>();
        AtomicInteger denied = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < 64; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 15; i++) {
                    String requestId = "req-" + thread + "-" + i + "-" + orgId;
                    BigDecimal hold = BigDecimal.valueOf(random.nextInt(10, 300), 2); // 0.10 .. 2.99
                    switch (budgets.reserve(scope, hold, requestId)) {
                        case ReserveResult.Reserved r -> {
                            if (random.nextInt(10) == 0) {
                                abandoned.put(requestId, hold); // the request "died": the sweeper must settle it
                            } else {
                                BigDecimal actual = BigDecimal.valueOf(random.nextLong(0, hold.movePointRight(2).longValue() + 1), 2);
                                budgets.settle(requestId, actual);
                                settled.put(requestId, actual);
                            }
                        }
                        case ReserveResult.Denied d -> {
                            assertThat(d.level()).isEqualTo("organization");
                            denied.incrementAndGet();
                        }
                        case ReserveResult.Unavailable u -> throw new AssertionError(u.reason());
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        var open = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
        assertThat(open.get("current_spend").decimalValue().add(open.get("reserved").decimalValue())).isLessThanOrEqualTo(limit);
        assertThat(denied.get()).as("the budget was contended: some requests were refused").isPositive();

        clock.advance(Duration.ofMinutes(11));
        budgets.expireHolds();

        var closed = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
        BigDecimal expected = sum(settled.values()).add(sum(abandoned.values()));
        assertThat(closed.get("current_spend").decimalValue()).isEqualByComparingTo(expected).isLessThanOrEqualTo(limit);
        assertThat(closed.get("reserved").decimalValue()).isZero();
        settled.keySet().forEach(id -> assertThat(budgets.holdStatus(id)).contains("settled"));
        abandoned.keySet().forEach(id -> assertThat(budgets.holdStatus(id)).contains("expired"));
        assertThat(Set.copyOf(settled.keySet())).doesNotContainAnyElementsOf(abandoned.keySet());
    }

    private static BigDecimal sum(java.util.Collection<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
