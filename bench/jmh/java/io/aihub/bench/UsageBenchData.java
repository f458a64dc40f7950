package io.aihub.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads synthetic usage records into a dedicated PostgreSQL database ({@code bench_usage}) for the
 * usage-query benchmarks: the hub's own migrations, then the records by COPY (indexes dropped during the
 * load and rebuilt after), then the rollups in bulk by SQL: hour rows per dimension from the records,
 * day rows from the hour rows. That is the same content the application maintains one record at a time
 * (the rollup property test checks that equivalence on both databases).
 *
 * <p>Data: {@code RECORDS} records spread uniformly over the 60 days before {@link #END}; 10
 * organizations, {@link #BIG_ORG} taking half of all records; per organization 20 teams, 200 keys,
 * 100 users, 1,000 end users, 8 models over 3 providers; latencies 50 ms to 20 s; 3% errors.
 *
 * <p>Run: {@code bench/jmh/load-usage.sh [records]} (default 10,000,000). Connection: AIHUB_BENCH_PG_URL
 * (default jdbc:postgresql://127.0.0.1:5432/bench_usage), AIHUB_BENCH_PG_USER (postgres), AIHUB_BENCH_PG_PASSWORD.
 */
public final class UsageBenchData {

    public static final Instant END = Instant.parse("2026-06-01T00:00:00Z");
    public static final Duration SPAN = Duration.ofDays(60);
    public static final String BIG_ORG = "org-bench-0";
    static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "claude-3-5-sonnet",
            "claude-3-5-haiku", "gemini-1.5-pro", "gemini-1.5-flash"};
    static final String[] PROVIDERS = {"openai", "openai", "openai", "openai", "anthropic", "anthropic", "google", "google"};
    /** Per-million prices as whole 1e-4 USD units (input, output): only the cost's realism depends on them. */
    static final long[][] PRICES = {{25000, 100000}, {1500, 6000}, {20000, 80000}, {4000, 16000}, {30000, 150000},
            {8000, 40000}, {12500, 50000}, {750, 3000}};

    private UsageBenchData() {
    }

    public static String url() {
        return env("AIHUB_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/bench_usage");
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), env("AIHUB_BENCH_PG_USER", "postgres"), env("AIHUB_BENCH_PG_PASSWORD", ""));
    }

    public static void main(String[] args) throws Exception {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        createDatabaseIfMissing();
        long t0 = System.nanoTime();
        Flyway.configure().dataSource(url(), env("AIHUB_BENCH_PG_USER", "postgres"), env("AIHUB_BENCH_PG_PASSWORD", ""))
                .locations("classpath:db/migration").cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(url(), env("AIHUB_BENCH_PG_USER", "postgres"), env("AIHUB_BENCH_PG_PASSWORD", ""))
                .locations("classpath:db/migration").load().migrate();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("set synchronous_commit = off");
            s.execute("set maintenance_work_mem = '512MB'");
            s.execute("set work_mem = '256MB'");
            s.execute("drop index usage_by_org_time");
            s.execute("drop index usage_by_key_time");
            s.execute("drop index usage_by_team_time");
            s.execute("alter table usage_records drop constraint usage_records_pkey");
            s.execute("alter table usage_rollups drop constraint usage_rollups_pkey");
            copy(c, records);
            log("copied %,d records in %s", records, since(t0));
            long t1 = System.nanoTime();
            s.execute("alter table usage_records add primary key (request_id)");
            s.execute("create index usage_by_org_time on usage_records (organization_id, hour_bucket)");
            s.execute("create index usage_by_key_time on usage_records (api_key_id, hour_bucket)");
            s.execute("create index usage_by_team_time on usage_records (team_id, hour_bucket)");
            log("record indexes in %s", since(t1));
            long t2 = System.nanoTime();
            buildRollups(s);
            s.execute("alter table usage_rollups add primary key (organization_id, granularity, dimension, bucket_start, dimension_value)");
            s.execute("analyze usage_records");
            s.execute("analyze usage_rollups");
            log("rollups in %s", since(t2));
            try (ResultSet rs = s.executeQuery("select granularity, count(*) from usage_rollups group by granularity order by 1")) {
                while (rs.next()) {
                    log("rollup rows %s: %,d", rs.getString(1), rs.getLong(2));
                }
            }
            try (ResultSet rs = s.executeQuery("""
                    select (select sum(cost) from usage_records where organization_id = 'org-bench-0'),
                           (select sum(cost) from usage_rollups where organization_id = 'org-bench-0' and granularity = 'day' and dimension = 'model')""")) {
                rs.next();
                log("check %s: records cost %s, day/model rollups cost %s", BIG_ORG, rs.getBigDecimal(1), rs.getBigDecimal(2));
                if (rs.getBigDecimal(1).compareTo(rs.getBigDecimal(2)) != 0) {
                    throw new IllegalStateException("rollups do not add up to the records");
                }
            }
        }
        log("total load %s", since(t0));
    }

    private static void createDatabaseIfMissing() throws SQLException {
        String base = url().substring(0, url().lastIndexOf('/') + 1) + "postgres";
        String name = url().substring(url().lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        try (Connection c = DriverManager.getConnection(base, env("AIHUB_BENCH_PG_USER", "postgres"),
                env("AIHUB_BENCH_PG_PASSWORD", "")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
            if (!rs.next()) {
                s.execute("create database " + name);
            }
        }
    }

    private static void copy(Connection c, long records) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                copy usage_records (request_id, organization_id, team_id, api_key_id, user_id, end_user, model, provider,
                    deployment, endpoint, prompt_tokens, cached_tokens, completion_tokens, cost, latency_ms, ttft_ms,
                    status_code, error_code, outcome, created_at, hour_bucket) from stdin""");
        SplittableRandom random = new SplittableRandom(20260601);
        long spanSeconds = SPAN.toSeconds();
        Instant start = END.minus(SPAN);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 21);
        StringBuilder line = new StringBuilder(400);
        for (long i = 0; i < records; i++) {
            int org = random.nextInt(2) == 0 ? 0 : 1 + random.nextInt(9);
            int model = random.nextInt(MODELS.length);
            Instant at = start.plusSeconds(random.nextLong(spanSeconds)).plusNanos(random.nextInt(1_000_000) * 1000L);
            long prompt = 50 + random.nextInt(4000);
            long cached = random.nextInt(4) == 0 ? prompt / 2 : 0;
            long completion = 10 + random.nextInt(1000);
            // tokens x (1e-4 USD per million tokens) = units of 1e-10 USD, exactly
            long costUnits = prompt * PRICES[model][0] + completion * PRICES[model][1];
            boolean error = random.nextInt(100) < 3;
            int latency = 50 + (int) Math.min(19_950, Math.round(-Math.log(1 - random.nextDouble()) * 900));
            line.setLength(0);
            line.append("b").append(i).append('\t').append("org-bench-").append(org).append('\t')
                    .append("team-").append(org).append('-').append(random.nextInt(20)).append('\t')
                    .append("key-").append(org).append('-').append(random.nextInt(200)).append('\t')
                    .append("user-").append(org).append('-').append(random.nextInt(100)).append('\t')
                    .append(random.nextInt(10) == 0 ? "\\N" : "eu-" + random.nextInt(1000)).append('\t')
                    .append(MODELS[model]).append('\t').append(PROVIDERS[model]).append('\t')
                    .append(PROVIDERS[model]).append("-east-").append(random.nextInt(2)).append('\t')
                    .append("chat.completions\t").append(prompt).append('\t').append(cached).append('\t')
                    .append(completion).append('\t').append(decimal(costUnits)).append('\t').append(latency).append('\t')
                    .append(latency / 4).append('\t').append(error ? 502 : 200).append('\t')
                    .append(error ? "upstream_error" : "\\N").append('\t').append(error ? "error" : "success").append('\t')
                    .append(at).append('\t').append(at.truncatedTo(ChronoUnit.HOURS)).append('\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            buffer.write(bytes, 0, bytes.length);
            if (buffer.size() > (1 << 20)) {
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                buffer.reset();
            }
            if (i > 0 && i % 1_000_000 == 0) {
                log("  %,d records", i);
            }
        }
        copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
        copy.endCopy();
    }

    /** {@code units} of 1e-10 USD as a decimal with 10 places (prices are 1e-4 USD per million tokens). */
    static String decimal(long units) {
        String digits = String.format("%011d", units);
        return digits.substring(0, digits.length() - 10) + "." + digits.substring(digits.length() - 10);
    }

    private static final String AGGREGATES = """
            count(*), sum(prompt_tokens), sum(cached_tokens), sum(completion_tokens), sum(cost),
            sum(case when outcome = 'error' then 1 else 0 end), count(latency_ms), coalesce(sum(latency_ms), 0),
            coalesce(max(latency_ms), 0),
            count(*) filter (where latency_ms <= 100), count(*) filter (where latency_ms > 100 and latency_ms <= 250),
            count(*) filter (where latency_ms > 250 and latency_ms <= 500), count(*) filter (where latency_ms > 500 and latency_ms <= 1000),
            count(*) filter (where latency_ms > 1000 and latency_ms <= 2500), count(*) filter (where latency_ms > 2500 and latency_ms <= 5000),
            count(*) filter (where latency_ms > 5000 and latency_ms <= 10000), count(*) filter (where latency_ms > 10000)""";

    private static final String COLUMNS = """
            organization_id, granularity, dimension, bucket_start, dimension_value, requests, prompt_tokens, cached_tokens,
            completion_tokens, cost, errors, latency_count, latency_sum_ms, latency_max_ms, lat_100, lat_250, lat_500,
            lat_1000, lat_2500, lat_5000, lat_10000, lat_inf""";

    private static void buildRollups(Statement s) throws SQLException {
        String[][] dims = {{"all", "''"}, {"team", "coalesce(team_id, '')"}, {"key", "coalesce(api_key_id, '')"},
                {"user", "coalesce(user_id, '')"}, {"end_user", "coalesce(end_user, '')"}, {"model", "model"},
                {"provider", "coalesce(provider, '')"}};
        for (String[] dim : dims) {
            long t = System.nanoTime();
            s.execute("insert into usage_rollups (" + COLUMNS + ") select organization_id, 'hour', '" + dim[0]
                    + "', hour_bucket, " + dim[1] + ", " + AGGREGATES + " from usage_records group by organization_id, hour_bucket"
                    + (dim[0].equals("all") ? "" : ", " + dim[1]));
            log("  hour rollups %s in %s", dim[0], since(t));
        }
        long t = System.nanoTime();
        s.execute("insert into usage_rollups (" + COLUMNS + ") select organization_id, 'day', dimension, "
                + "date_trunc('day', bucket_start, 'UTC'), dimension_value, sum(requests), sum(prompt_tokens), sum(cached_tokens), "
                + "sum(completion_tokens), sum(cost), sum(errors), sum(latency_count), sum(latency_sum_ms), max(latency_max_ms), "
                + "sum(lat_100), sum(lat_250), sum(lat_500), sum(lat_1000), sum(lat_2500), sum(lat_5000), sum(lat_10000), "
                + "sum(lat_inf) from usage_rollups where granularity = 'hour' "
                + "group by organization_id, dimension, date_trunc('day', bucket_start, 'UTC'), dimension_value");
        log("  day rollups in %s", since(t));
    }

    private static String since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static void log(String format, Object... args) {
        System.out.printf("[usage-bench] " + format + "%n", args);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
