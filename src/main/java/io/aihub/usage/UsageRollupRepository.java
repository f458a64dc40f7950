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
 * The {@code usage_rollups} table and its queue of records not yet folded in ({@code usage_rollup_pending}).
 * A record's transaction only enqueues its request id; {@link RollupAggregator} folds pending records in
 * memory and applies one {@code INSERT ... ON CONFLICT DO NOTHING} and one {@code UPDATE ... SET x = x + ?}
 * per touched row, deleting the pending ids in the same transaction. Portable to H2 and PostgreSQL (no
 * MERGE, no {@code ON CONFLICT DO UPDATE}).
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

    private static final String INSERT_KEY = "insert into usage_rollups (organization_id, granularity, dimension, "
            + "bucket_start, dimension_value) values (?, ?, ?, ?, ?) on conflict do nothing";
    private static final String ADD = """
            update usage_rollups set requests = requests + ?, prompt_tokens = prompt_tokens + ?,
                cached_tokens = cached_tokens + ?, completion_tokens = completion_tokens + ?, cost = cost + ?,
                errors = errors + ?, latency_count = latency_count + ?, latency_sum_ms = latency_sum_ms + ?,
                latency_max_ms = greatest(latency_max_ms, ?), lat_100 = lat_100 + ?, lat_250 = lat_250 + ?,
                lat_500 = lat_500 + ?, lat_1000 = lat_1000 + ?, lat_2500 = lat_2500 + ?, lat_5000 = lat_5000 + ?,
                lat_10000 = lat_10000 + ?, lat_inf = lat_inf + ?
            where organization_id = ? and granularity = ? and dimension = ? and bucket_start = ? and dimension_value = ?""";

    /** One rollup row's identity. */
    record Key(String organizationId, String granularity, String dimension, Instant bucketStart, String value) {

        Object[] params() {
            return new Object[] {organizationId, granularity, dimension, Timestamps.toDb(bucketStart), value};
        }
    }

    /** A record waiting to be folded in; {@code record} is null if the record itself is gone. */
    record Pending(String requestId, UsageRecord record) {
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

    /** The 14 rows (7 dimensions x hour and UTC day) a record belongs to, with its figures. */
    static void fold(UsageRecord r, Map<Key, UsageFigures> into) {
        UsageFigures f = UsageFigures.of(r);
        Instant hour = r.createdAt().truncatedTo(ChronoUnit.HOURS);
        Instant day = dayOf(r.createdAt());
        for (RollupDimension dim : DIMENSIONS) {
            String value = dim.valueOf(r);
            into.merge(new Key(r.organizationId(), HOUR, dim.apiName(), hour, value), f, UsageFigures::plus);
            into.merge(new Key(r.organizationId(), DAY, dim.apiName(), day, value), f, UsageFigures::plus);
        }
    }

    /** Marks a record as not yet in the rollups: one small insert in the record's own transaction, no shared row. */
    void enqueue(String requestId) {
        jdbc.sql("insert into usage_rollup_pending (request_id) values (?)").param(requestId).update();
    }

    void enqueueAll(List<String> requestIds) {
        template.batchUpdate("insert into usage_rollup_pending (request_id) values (?)",
                requestIds.stream().map(id -> new Object[] {id}).toList());
    }

    /** Takes the rollup lock until the transaction ends: one aggregation or rebuild at a time, across instances. */
    void lock() {
        jdbc.sql("select name from usage_rollup_lock where name = 'rollups' for update").query(String.class).list();
    }

    boolean hasPending() {
        return !jdbc.sql("select request_id from usage_rollup_pending limit 1").query(String.class).list().isEmpty();
    }

    long pendingCount() {
        return jdbc.sql("select count(*) from usage_rollup_pending").query(Long.class).single();
    }

    /** Up to {@code max} committed pending records (any order: folding is commutative). */
    List<Pending> pending(int max) {
        return jdbc.sql("""
                        select p.request_id as pending_id, r.* from usage_rollup_pending p
                          left join usage_records r on r.request_id = p.request_id
                        limit ?""")
                .param(max)
                .query((rs, n) -> new Pending(rs.getString("pending_id"),
                        rs.getString("organization_id") == null ? null : record(rs)))
                .list();
    }

    /** Adds the folded figures: one insert-if-absent and one increment per touched row, in a fixed key order. */
    void apply(Map<Key, UsageFigures> increments) {
        List<Map.Entry<Key, UsageFigures>> entries = new ArrayList<>(increments.entrySet());
        entries.sort(Map.Entry.comparingByKey(KEY_ORDER));
        template.batchUpdate(INSERT_KEY, entries.stream().map(e -> e.getKey().params()).toList());
        List<Object[]> adds = new ArrayList<>(entries.size());
        for (var e : entries) {
            UsageFigures f = e.getValue();
            LatencyHistogram l = f.latency();
            List<Object> args = new ArrayList<>(22);
            args.addAll(List.of(f.requests(), f.promptTokens(), f.cachedTokens(), f.completionTokens(), f.cost(), f.errors(),
                    l.count(), l.sumMs(), l.maxMs()));
            for (long bucket : l.buckets()) {
                args.add(bucket);
            }
            args.addAll(List.of(e.getKey().params()));
            adds.add(args.toArray());
        }
        int[] counts = template.batchUpdate(ADD, adds);
        for (int c : counts) {
            if (c == 0) {
                throw new IllegalStateException("a rollup row vanished while being incremented");
            }
        }
    }

    private static final java.util.Comparator<Key> KEY_ORDER = java.util.Comparator.comparing(Key::organizationId)
            .thenComparing(Key::granularity).thenComparing(Key::dimension).thenComparing(Key::bucketStart)
            .thenComparing(Key::value);

    /**
     * Takes a record about to be deleted back out of the rollups, under the rollup lock: its pending mark if it
     * was not folded yet, else its figures, subtracted (records without latencies only).
     */
    void withdraw(UsageRecord r) {
        lock();
        if (jdbc.sql("delete from usage_rollup_pending where request_id = ?").param(r.requestId()).update() == 1) {
            return;
        }
        Map<Key, UsageFigures> figures = new java.util.HashMap<>();
        fold(r, figures);
        figures.replaceAll((key, f) -> f.negated());
        apply(figures);
    }

    /** Deletes the pending marks of folded records; answers how many were deleted. */
    int dequeue(List<String> requestIds) {
        int deleted = 0;
        for (int i = 0; i < requestIds.size(); i += 500) {
            List<String> chunk = requestIds.subList(i, Math.min(requestIds.size(), i + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            deleted += jdbc.sql("delete from usage_rollup_pending where request_id in (" + marks + ")")
                    .params(new ArrayList<Object>(chunk)).update();
        }
        return deleted;
    }

    static UsageRecord record(ResultSet rs) throws SQLException {
        return new UsageRecord(rs.getString("request_id"), rs.getString("organization_id"), rs.getString("team_id"),
                rs.getString("api_key_id"), rs.getString("user_id"), rs.getString("end_user"), rs.getString("model"),
                rs.getString("provider"), rs.getString("deployment"), rs.getString("endpoint"), rs.getLong("prompt_tokens"),
                rs.getLong("cached_tokens"), rs.getLong("completion_tokens"), rs.getBigDecimal("cost"),
                rs.getObject("latency_ms", Integer.class), rs.getObject("ttft_ms", Integer.class), rs.getInt("status_code"),
                rs.getString("error_code"), rs.getString("outcome"), Timestamps.fromDb(rs, "created_at"));
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
        // Under the rollup lock, no aggregation runs. Pending marks of the organization's records are dropped
        // (the rebuild counts those records); records committed after that still carry a mark, so the rebuild
        // leaves them out and the aggregator counts them: each record exactly once.
        lock();
        jdbc.sql("""
                delete from usage_rollup_pending
                where request_id in (select request_id from usage_records where organization_id = ?)""")
                .param(organizationId).update();
        jdbc.sql("delete from usage_rollups where organization_id = ?").param(organizationId).update();
        for (RollupDimension dim : DIMENSIONS) {
            String value = dim.column() == null ? "''" : "coalesce(" + dim.column() + ", '')";
            String groupBy = dim.column() == null ? "" : ", " + value;
            jdbc.sql("insert into usage_rollups (organization_id, granularity, dimension, bucket_start, dimension_value, "
                            + FIGURE_COLUMNS + ") select organization_id, 'hour', '" + dim.apiName() + "', hour_bucket, "
                            + value + ", " + AGGREGATES + " from usage_records where organization_id = ? and not exists"
                            + " (select 1 from usage_rollup_pending p where p.request_id = usage_records.request_id)"
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
