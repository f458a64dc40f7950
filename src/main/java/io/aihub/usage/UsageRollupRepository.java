package io.aihub.usage;

import io.aihub.common.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code usage_rollups} table. Adding a record touches 14 rows (7 dimensions x hour and UTC day)
 * with two statements: an {@code INSERT ... ON CONFLICT DO NOTHING} of zero rows for any that do not
 * exist yet, then one {@code UPDATE ... SET x = x + ?} over all 14. Portable to H2 and PostgreSQL (no
 * MERGE), never fails on a duplicate key (which would abort a PostgreSQL transaction), and exact under
 * concurrency: the insert waits for a concurrent inserter of the same key, the update takes row locks.
 */
@Repository
class UsageRollupRepository {

    static final String HOUR = "hour";
    static final String DAY = "day";
    private static final RollupDimension[] DIMENSIONS = RollupDimension.values();

    /** One rollup row: {@code values} holds the dimension values (one for a rollup row, several for raw groups). */
    record Row(Instant bucketStart, List<String> values, UsageFigures figures) {
    }

    private static final String AGGREGATES = """
            count(*) as requests, coalesce(sum(prompt_tokens), 0) as prompt_tokens,
            coalesce(sum(cached_tokens), 0) as cached_tokens, coalesce(sum(completion_tokens), 0) as completion_tokens,
            coalesce(sum(cost), 0) as cost, coalesce(sum(case when outcome = 'error' then 1 else 0 end), 0) as errors,
            count(latency_ms) as latency_count, coalesce(sum(latency_ms), 0) as latency_sum_ms,
            coalesce(max(latency_ms), 0) as latency_max_ms,
            coalesce(sum(case when latency_ms <= 100 then 1 else 0 end), 0) as lat_100,
            coalesce(sum(case when latency_ms > 100 and latency_ms <= 250 then 1 else 0 end), 0) as lat_250,
            coalesce(sum(case when latency_ms > 250 and latency_ms <= 500 then 1 else 0 end), 0) as lat_500,
            coalesce(sum(case when latency_ms > 500 and latency_ms <= 1000 then 1 else 0 end), 0) as lat_1000,
            coalesce(sum(case when latency_ms > 1000 and latency_ms <= 2500 then 1 else 0 end), 0) as lat_2500,
            coalesce(sum(case when latency_ms > 2500 and latency_ms <= 5000 then 1 else 0 end), 0) as lat_5000,
            coalesce(sum(case when latency_ms > 5000 and latency_ms <= 10000 then 1 else 0 end), 0) as lat_10000,
            coalesce(sum(case when latency_ms > 10000 then 1 else 0 end), 0) as lat_inf""";

    private static final String FIGURE_COLUMNS = """
            requests, prompt_tokens, cached_tokens, completion_tokens, cost, errors, latency_count, latency_sum_ms,
            latency_max_ms, lat_100, lat_250, lat_500, lat_1000, lat_2500, lat_5000, lat_10000, lat_inf""";

    private static final String INSERT_KEYS;
    private static final String KEYS_WHERE;
    private static final String LOCK;
    private static final String UPDATE;

    static {
        StringBuilder insert = new StringBuilder(
                "insert into usage_rollups (organization_id, granularity, dimension, bucket_start, dimension_value) values ");
        for (int i = 0; i < 2 * DIMENSIONS.length; i++) {
            insert.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?)");
        }
        INSERT_KEYS = insert.append(" on conflict do nothing").toString();
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < DIMENSIONS.length; i++) {
            dims.append(i == 0 ? "" : " or ").append("(dimension = ? and dimension_value = ?)");
        }
        KEYS_WHERE = """
                organization_id = ? and ((granularity = 'hour' and bucket_start = ?) or (granularity = 'day' and bucket_start = ?))
                  and (%s)""".formatted(dims);
        LOCK = "select granularity, dimension from usage_rollups where " + KEYS_WHERE
                + " order by granularity, dimension for update";
        UPDATE = """
                update usage_rollups set requests = requests + ?, prompt_tokens = prompt_tokens + ?,
                    cached_tokens = cached_tokens + ?, completion_tokens = completion_tokens + ?, cost = cost + ?,
                    errors = errors + ?, latency_count = latency_count + ?, latency_sum_ms = latency_sum_ms + ?,
                    latency_max_ms = greatest(latency_max_ms, ?), lat_100 = lat_100 + ?, lat_250 = lat_250 + ?,
                    lat_500 = lat_500 + ?, lat_1000 = lat_1000 + ?, lat_2500 = lat_2500 + ?, lat_5000 = lat_5000 + ?,
                    lat_10000 = lat_10000 + ?, lat_inf = lat_inf + ?
                """ + "where " + KEYS_WHERE;
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    UsageRollupRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    static Instant dayOf(Instant instant) {
        return instant.truncatedTo(ChronoUnit.DAYS);
    }

    /** Adds one record to its 14 rows; call inside the transaction that stored the record. */
    void add(UsageRecord r) {
        Instant hour = r.createdAt().truncatedTo(ChronoUnit.HOURS);
        Instant day = dayOf(r.createdAt());
        List<Object> keys = new ArrayList<>(10 * DIMENSIONS.length);
        for (String granularity : List.of(HOUR, DAY)) {
            for (RollupDimension dim : DIMENSIONS) {
                keys.addAll(List.of(r.organizationId(), granularity, dim.apiName(),
                        Timestamps.toDb(granularity.equals(HOUR) ? hour : day), dim.valueOf(r)));
            }
        }
        jdbc.sql(INSERT_KEYS).params(keys).update();

        List<Object> where = new ArrayList<>(List.of(r.organizationId(), Timestamps.toDb(hour), Timestamps.toDb(day)));
        for (RollupDimension dim : DIMENSIONS) {
            where.add(dim.apiName());
            where.add(dim.valueOf(r));
        }
        // Lock the 14 rows in one fixed order first: an UPDATE locks in physical order, which differs between
        // transactions (every update moves the row version), and two writers would deadlock on PostgreSQL.
        jdbc.sql(LOCK).params(where).query((rs, n) -> rs.getString(1)).list();

        UsageFigures f = UsageFigures.of(r);
        LatencyHistogram l = f.latency();
        List<Object> params = new ArrayList<>(List.of(f.requests(), f.promptTokens(), f.cachedTokens(),
                f.completionTokens(), f.cost(), f.errors(), l.count(), l.sumMs(), l.maxMs()));
        for (long bucket : l.buckets()) {
            params.add(bucket);
        }
        params.addAll(where);
        int updated = jdbc.sql(UPDATE).params(params).update();
        if (updated != 2 * DIMENSIONS.length) {
            throw new IllegalStateException("rollup update touched " + updated + " rows, expected " + 2 * DIMENSIONS.length);
        }
    }

    /** Rollup rows of one dimension with bucket_start in [from, to). */
    List<Row> rows(String organizationId, String granularity, RollupDimension dimension, Instant from, Instant to) {
        return jdbc.sql("select bucket_start, dimension_value, " + FIGURE_COLUMNS + """
                         from usage_rollups
                        where organization_id = ? and granularity = ? and dimension = ? and bucket_start >= ? and bucket_start < ?
                        order by bucket_start""")
                .params(organizationId, granularity, dimension.apiName(), Timestamps.toDb(from), Timestamps.toDb(to))
                .query((rs, n) -> new Row(Timestamps.fromDb(rs, "bucket_start"), List.of(rs.getString("dimension_value")),
                        figures(rs)))
                .list();
    }

    /** Sums of one dimension's rows with bucket_start in [from, to), per value. */
    List<Row> sums(String organizationId, String granularity, RollupDimension dimension, Instant from, Instant to) {
        return jdbc.sql("select dimension_value, " + sumsOf() + """
                         from usage_rollups
                        where organization_id = ? and granularity = ? and dimension = ? and bucket_start >= ? and bucket_start < ?
                        group by dimension_value""")
                .params(organizationId, granularity, dimension.apiName(), Timestamps.toDb(from), Timestamps.toDb(to))
                .query((rs, n) -> new Row(from, List.of(rs.getString("dimension_value")), figures(rs)))
                .list();
    }

    private static String sumsOf() {
        StringBuilder sql = new StringBuilder();
        for (String column : FIGURE_COLUMNS.split(",")) {
            String c = column.trim();
            sql.append(sql.isEmpty() ? "" : ", ")
                    .append(c.equals("latency_max_ms") ? "max(" + c + ")" : "sum(" + c + ")").append(" as ").append(c);
        }
        return sql.toString();
    }

    /**
     * Several dimensions at once cannot come from single-dimension rollups: these are summed from the
     * records themselves, per UTC hour, over the hour index.
     */
    List<Row> rawGroups(String organizationId, List<RollupDimension> dimensions, Instant from, Instant to) {
        List<String> columns = dimensions.stream().map(RollupDimension::column).toList();
        StringBuilder select = new StringBuilder("select hour_bucket");
        for (int i = 0; i < columns.size(); i++) {
            select.append(", ").append(columns.get(i)).append(" as d").append(i);
        }
        String sql = select + ", " + AGGREGATES + """
                 from usage_records where organization_id = ? and hour_bucket >= ? and hour_bucket < ?
                group by hour_bucket, %s order by hour_bucket""".formatted(String.join(", ", columns));
        return jdbc.sql(sql).params(organizationId, Timestamps.toDb(from), Timestamps.toDb(to))
                .query((rs, n) -> {
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < columns.size(); i++) {
                        String v = rs.getString("d" + i);
                        values.add(v == null ? RollupDimension.NONE : v);
                    }
                    return new Row(Timestamps.fromDb(rs, "hour_bucket"), values, figures(rs));
                })
                .list();
    }

    /** Organizations with any usage in the hour starting at {@code hour}. */
    List<String> organizationsActiveIn(Instant hour) {
        return jdbc.sql("""
                        select organization_id from usage_rollups
                        where granularity = 'hour' and dimension = 'all' and bucket_start = ? order by organization_id""")
                .param(Timestamps.toDb(hour)).query(String.class).list();
    }

    /**
     * Drops and recomputes an organization's rollups from its records: hours by SQL per dimension, days
     * by adding up the hour rows (UTC days, so no database-specific date arithmetic).
     */
    void rebuild(String organizationId) {
        jdbc.sql("delete from usage_rollups where organization_id = ?").param(organizationId).update();
        for (RollupDimension dim : DIMENSIONS) {
            String value = dim.column() == null ? "''" : "coalesce(" + dim.column() + ", '')";
            String groupBy = dim.column() == null ? "" : ", " + value;
            jdbc.sql("insert into usage_rollups (organization_id, granularity, dimension, bucket_start, dimension_value, "
                            + FIGURE_COLUMNS + ") select organization_id, 'hour', '" + dim.apiName() + "', hour_bucket, "
                            + value + ", " + AGGREGATES + " from usage_records where organization_id = ?"
                            + " group by organization_id, hour_bucket" + groupBy)
                    .param(organizationId).update();
            Map<List<Object>, UsageFigures> days = new LinkedHashMap<>();
            for (Row hour : rows(organizationId, HOUR, dim, Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"))) {
                days.merge(List.of(dayOf(hour.bucketStart()), hour.values().getFirst()), hour.figures(), UsageFigures::plus);
            }
            List<Object[]> batch = new ArrayList<>();
            days.forEach((key, f) -> {
                LatencyHistogram l = f.latency();
                List<Object> args = new ArrayList<>(List.of(organizationId, DAY, dim.apiName(),
                        Timestamps.toDb((Instant) key.get(0)), key.get(1), f.requests(), f.promptTokens(), f.cachedTokens(),
                        f.completionTokens(), f.cost(), f.errors(), l.count(), l.sumMs(), l.maxMs()));
                for (long b : l.buckets()) {
                    args.add(b);
                }
                batch.add(args.toArray());
            });
            template.batchUpdate("insert into usage_rollups (organization_id, granularity, dimension, bucket_start, "
                    + "dimension_value, " + FIGURE_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    + "?, ?, ?, ?, ?)", batch);
        }
    }

    /** Requests and errors per deployment of records created in [from, to). */
    List<DeploymentHealth> deploymentHealth(String organizationId, Instant from, Instant to) {
        return jdbc.sql("""
                        select deployment, count(*) as requests, sum(case when outcome = 'error' then 1 else 0 end) as errors
                        from usage_records
                        where organization_id = ? and hour_bucket >= ? and hour_bucket < ? and created_at >= ? and created_at < ?
                          and deployment is not null
                        group by deployment order by deployment""")
                .params(organizationId, Timestamps.toDb(from.truncatedTo(ChronoUnit.HOURS)), Timestamps.toDb(to),
                        Timestamps.toDb(from), Timestamps.toDb(to))
                .query((rs, n) -> new DeploymentHealth(rs.getString("deployment"), rs.getLong("requests"), rs.getLong("errors")))
                .list();
    }

    private static UsageFigures figures(ResultSet rs) throws SQLException {
        long[] buckets = {rs.getLong("lat_100"), rs.getLong("lat_250"), rs.getLong("lat_500"), rs.getLong("lat_1000"),
                rs.getLong("lat_2500"), rs.getLong("lat_5000"), rs.getLong("lat_10000"), rs.getLong("lat_inf")};
        return new UsageFigures(rs.getLong("requests"), rs.getLong("prompt_tokens"), rs.getLong("cached_tokens"),
                rs.getLong("completion_tokens"), rs.getBigDecimal("cost"), rs.getLong("errors"),
                new LatencyHistogram(rs.getLong("latency_count"), rs.getLong("latency_sum_ms"), rs.getInt("latency_max_ms"),
                        buckets));
    }
}
