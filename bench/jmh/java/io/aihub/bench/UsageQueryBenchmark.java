package io.aihub.bench;

import io.aihub.usage.UsageAnalytics;
import io.aihub.usage.UsageQuery;
import io.aihub.usage.UsageReport;
import io.aihub.usage.UsageSummary;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The usage API's reads against the {@code bench_usage} database filled by {@link UsageBenchData}
 * (run {@code bench/jmh/load-usage.sh} first): the organization summary and a 30-day
 * {@code group_by=model} report, through the application's own {@link UsageAnalytics}, one warm
 * connection (the pool's steady state), for the organization holding half of all records.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class UsageQueryBenchmark {

    @Param({"org-bench-0"})
    public String organization;

    /** The organization's timezone: UTC reads day rollups, any other zone folds hour rollups into its days. */
    @Param({"UTC", "Europe/Berlin"})
    public String zone;

    UsageAnalytics analytics;
    Instant now;

    @Setup
    public void connect() throws Exception {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(UsageBenchData.connect(), true);
        analytics = UsageAnalytics.over(JdbcClient.create(ds), new JdbcTemplate(ds));
        now = UsageBenchData.END.minusSeconds(60);
    }

    @Benchmark
    public UsageSummary organizationSummary() {
        return analytics.summary(organization, now);
    }

    @Benchmark
    public UsageReport thirtyDaysByModel() {
        ZoneId z = zone.equals("UTC") ? ZoneOffset.UTC : ZoneId.of(zone);
        UsageQuery q = UsageQuery.parse(null, null, "day", "model", null, null, z, now);
        return analytics.report(organization, q, now);
    }

    @Benchmark
    public UsageReport thirtyDaysByModelAndTeamFromRecords() {
        UsageQuery q = UsageQuery.parse(null, null, "day", "model,team", null, null, ZoneOffset.UTC, now);
        return analytics.report(organization, q, now);
    }
}
