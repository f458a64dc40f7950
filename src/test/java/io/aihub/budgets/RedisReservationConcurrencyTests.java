package io.aihub.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.RequiresRedis;
import io.aihub.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same 64-thread test with the budget counters in Redis (one Lua script per reservation across
 * every budget in scope): the settled spend never passes the hard limit.
 */
@ExtendWith(RequiresRedis.class)
@DirtiesContext // its own context: closed afterwards, so its connections go back to the shared test database
class RedisReservationConcurrencyTests extends ReservationConcurrencyTests {

    static final String PREFIX = "aihub:test-budconc-" + unique() + ":";

    @Autowired
    BudgetCounterStore store;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        if (TestRedis.unavailableReason() == null) {
            registry.add("aihub.redis.url", TestRedis::url);
            registry.add("aihub.redis.key-prefix", () -> PREFIX);
            registry.add("aihub.redis.command-timeout", () -> "5s");
        }
    }

    @BeforeEach
    void countersAreInRedis() {
        assertThat(store).isInstanceOf(RedisBudgetCounterStore.class);
    }

    @AfterAll
    static void deleteKeys() {
        if (TestRedis.unavailableReason() == null) {
            TestRedis.deleteKeys(PREFIX);
        }
    }
}
