package io.aihub.bench;

import io.aihub.budgets.BudgetCounterStore;
import io.aihub.budgets.BudgetCounterStore.Charge;
import io.aihub.budgets.BudgetCounterStore.CounterKey;
import io.aihub.budgets.RedisBudgetCounterStore;
import io.aihub.cluster.UsageJournal;
import io.aihub.limits.OnStoreFailure;
import io.aihub.limits.RedisConnector;
import io.aihub.limits.StoreFailures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What cluster mode adds to a gateway request: one Redis round trip for the budget reservation across
 * three budgets plus one for its settlement (Redis at 127.0.0.1:6379, ledger write stubbed), and one
 * journal append (fsync, grouped when requests run concurrently) plus its done marker.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClusterHotPathBenchmark {

    private static final java.time.Instant EXPIRES = java.time.Instant.now().plusSeconds(86_400);
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

    private static final BigDecimal HOLD = new BigDecimal("0.0125000000");
    private static final BigDecimal ACTUAL = new BigDecimal("0.0031250000");
    private static final BudgetCounterStore.Loader EMPTY = key -> new BudgetCounterStore.Counter(BigDecimal.ZERO, BigDecimal.ZERO);
    private static final String PAYLOAD = "{\"request_id\":\"req-01\",\"usage\":{\"organization_id\":\"org-01\",\"model\":\"gpt-4o-mini\","
            + "\"prompt_tokens\":120,\"completion_tokens\":48,\"cost\":0.0000468},\"settle\":0.0000468}";

    private final String prefix = "aihub:bench-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final Instant period = Instant.parse("2026-11-01T00:00:00Z");
    private final List<CounterKey> keys = List.of(new CounterKey("bud-org", period), new CounterKey("bud-team", period),
            new CounterKey("bud-key", period));
    private final List<Charge> charges = keys.stream().map(k -> new Charge(k, new BigDecimal("1000000000000"))).toList();
    private final AtomicLong ids = new AtomicLong();
    private RedisConnector connector;
    private RedisBudgetCounterStore store;
    private Path dir;
    private UsageJournal journal;

    @Setup
    public void setUp() throws IOException {
        connector = new RedisConnector("redis://127.0.0.1:6379", Duration.ofSeconds(2), Duration.ofSeconds(2));
        Clock clock = Clock.systemUTC();
        store = new RedisBudgetCounterStore(connector, prefix,
                new StoreFailures(OnStoreFailure.FAIL_CLOSED, new SimpleMeterRegistry(), clock), clock);
        dir = Files.createTempDirectory("aihub-journal-bench");
        journal = new UsageJournal(dir);
    }

    @TearDown
    public void tearDown() {
        connector.commands().del(keys.stream().map(k -> prefix + "budget:{budgets}:" + k.budgetId() + ":"
                + period.getEpochSecond()).toArray(String[]::new));
        connector.close();
        journal.close();
    }

    @Benchmark
    @Threads(1)
    public boolean redisReserveAndSettleThreeBudgets() {
        return cycle();
    }

    @Benchmark
    @Threads(8)
    public boolean redisReserveAndSettleThreeBudgetsEightThreads() {
        return cycle();
    }

    @Benchmark
    @Threads(1)
    public void journalAppendAndDone() {
        String id = "req-" + ids.incrementAndGet();
        journal.append(id, PAYLOAD);
        journal.done(id);
    }

    @Benchmark
    @Threads(16)
    public void journalAppendAndDoneSixteenThreads() {
        String id = "req-" + ids.incrementAndGet();
        journal.append(id, PAYLOAD);
        journal.done(id);
    }

    private boolean cycle() {
        String requestId = "bench-" + requests.incrementAndGet();
        BudgetCounterStore.Outcome outcome = store.reserve(requestId, EXPIRES, charges, HOLD, EMPTY, () -> true);
        return store.settle(requestId, keys, HOLD, keys, ACTUAL, EMPTY, () -> true) && outcome.deniedIndex() == -1;
    }
}
