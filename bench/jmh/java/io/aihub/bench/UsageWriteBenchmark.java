package io.aihub.bench;

import io.aihub.AiHubApplication;
import io.aihub.usage.RollupAggregator;
import io.aihub.usage.UsageRecord;
import io.aihub.usage.UsageService;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway's per-request usage write, {@code UsageService.record}, on PostgreSQL: the record and its
 * rollup pending mark in one transaction, every writer on the same organization (the case the old in-line
 * rollup update serialized). The hub runs in-process on a fresh schema of {@code AIHUB_BENCH_PG_URL}
 * (default the tests' {@code jdbc:postgresql://127.0.0.1:5432/test}), with its background
 * {@code RollupAggregator} folding the marks every second as in production. At the end of a trial the
 * remaining marks are folded and the count of records and rollup requests is checked to be equal.
 * Run with {@code -t 1} and {@code -t 4} (writer threads).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UsageWriteBenchmark {

    static final String ORG = "org-bench-write";
    private final AtomicLong ids = new AtomicLong();
    private ConfigurableApplicationContext hub;
    private UsageService usage;
    private String schema;
    private String url;
    private String user;

    @Setup(Level.Trial)
    public void start() throws Exception {
        String base = System.getenv().getOrDefault("AIHUB_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        user = System.getenv().getOrDefault("AIHUB_BENCH_PG_USER", "postgres");
        schema = "bench_write_" + System.nanoTime();
        try (Connection c = DriverManager.getConnection(base, user, "")) {
            c.createStatement().execute("create schema " + schema);
        }
        url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        hub = new SpringApplicationBuilder(AiHubApplication.class).run("--server.port=0",
                "--aihub.master-key=bench-master-key-0123456789abcdef", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.datasource.password=",
                "--logging.level.root=WARN", "--aihub.insights.anomaly-cron=-");
        usage = hub.getBean(UsageService.class);
    }

    @Benchmark
    public boolean record() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return usage.record(new UsageRecord("req-bw-" + ids.incrementAndGet() + "-" + random.nextLong(), ORG,
                "team-" + random.nextInt(20), "key-" + random.nextInt(200), "user-" + random.nextInt(100),
                "end-user-" + random.nextInt(1000), "gpt-4o-mini", "openai", "openai-0", "chat.completions",
                random.nextInt(2000), 0, random.nextInt(500), new BigDecimal("0.0001234500"), 200 + random.nextInt(800),
                50, 200, null, "success", Instant.now()));
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        long started = System.nanoTime();
        int folded = hub.getBean(RollupAggregator.class).aggregate();
        long ms = (System.nanoTime() - started) / 1_000_000;
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            var records = c.createStatement().executeQuery("select count(*) from usage_records");
            records.next();
            var rolled = c.createStatement().executeQuery(
                    "select coalesce(sum(requests), 0) from usage_rollups where granularity = 'day' and dimension = 'all'");
            rolled.next();
            System.out.printf("%n[usage write] records %d, rollup requests %d, folded at teardown %d in %d ms%n",
                    records.getLong(1), rolled.getLong(1), folded, ms);
        }
        hub.close();
        try (Connection c = DriverManager.getConnection(System.getenv().getOrDefault("AIHUB_BENCH_PG_URL",
                "jdbc:postgresql://127.0.0.1:5432/test"), user, "")) {
            c.createStatement().execute("drop schema " + schema + " cascade");
        }
    }
}
