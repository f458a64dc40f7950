package io.aihub.bench;

import io.aihub.limits.CounterStores;
import io.aihub.limits.LimitDecision;
import io.aihub.limits.OnStoreFailure;
import io.aihub.limits.QuotaPeriod;
import io.aihub.limits.QuotaSeedSource;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The counters on the gateway's hot path: one rate-limit check (requests + tokens per minute),
 * one quota check and one parallel acquire/release per request. In process, and — when Redis answers
 * at AIHUB_BENCH_REDIS_URL (default redis://127.0.0.1:6379) — the Redis round trip of the same calls.
 * Limits are set so high that every call is allowed: the cost measured is the full check-and-count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RateLimiterBenchmark {

    @Param({"in-process", "redis"})
    public String store;

    /** How many distinct subjects the calls spread over (1 = one hot key, contended when threaded). */
    @Param({"1", "1000"})
    public int subjects;

    private CounterStores counters;
    private String[] keys;
    private QuotaPeriod period;
    private String prefix;

    @Setup(Level.Trial)
    public void setUp() {
        Clock clock = Clock.systemUTC();
        var registry = new SimpleMeterRegistry();
        prefix = "aihub:bench-" + UUID.randomUUID() + ":";
        counters = "redis".equals(store)
                ? CounterStores.redis(System.getenv().getOrDefault("AIHUB_BENCH_REDIS_URL", "redis://127.0.0.1:6379"),
                        prefix, Duration.ofSeconds(2), clock, QuotaSeedSource.NONE, OnStoreFailure.FAIL_CLOSED, registry)
                : CounterStores.inProcess(clock, QuotaSeedSource.NONE, registry);
        keys = new String[subjects];
        for (int i = 0; i < subjects; i++) {
            keys[i] = "key-" + i;
        }
        period = QuotaPeriod.monthOf(clock.instant(), ZoneOffset.UTC);
        if (!counters.rateLimiter().tryAcquire("probe", 1, null, 0).allowed()) {
            throw new IllegalStateException("store " + store + " is not reachable");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        counters.close();
        if ("redis".equals(store)) {
            deleteKeys(System.getenv().getOrDefault("AIHUB_BENCH_REDIS_URL", "redis://127.0.0.1:6379"), prefix);
        }
    }

    /** Quota keys would otherwise live until a day after the month ends. */
    private static void deleteKeys(String url, String prefix) {
        RedisClient client = RedisClient.create(url);
        try (var connection = client.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
                if (!page.getKeys().isEmpty()) {
                    connection.sync().del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }

    private String key() {
        return keys[subjects == 1 ? 0 : ThreadLocalRandom.current().nextInt(subjects)];
    }

    @Benchmark
    public LimitDecision rateLimitCheck() {
        return counters.rateLimiter().tryAcquire(key(), Integer.MAX_VALUE, Integer.MAX_VALUE, 1);
    }

    @Benchmark
    public LimitDecision quotaCheck() {
        return counters.quotaCounter().tryConsume(key(), period, Long.MAX_VALUE / 2, Long.MAX_VALUE / 2, 1);
    }

    @Benchmark
    public LimitDecision parallelAcquireRelease() {
        String key = key();
        String lease = "req-" + ThreadLocalRandom.current().nextLong();
        LimitDecision decision = counters.parallelLimiter().acquire(key, Integer.MAX_VALUE, lease);
        counters.parallelLimiter().release(key, lease);
        return decision;
    }
}
