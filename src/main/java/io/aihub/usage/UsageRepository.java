package io.aihub.usage;

import io.aihub.common.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UsageRepository {

    private static final String INSERT = """
            insert into usage_records (request_id, organization_id, team_id, api_key_id, user_id, end_user, model,
                provider, deployment, endpoint, prompt_tokens, cached_tokens, completion_tokens, cost, latency_ms,
                ttft_ms, status_code, error_code, outcome, created_at, hour_bucket)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    UsageRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** One JDBC batch; answers the update count per record (0: its request id was stored before). */
    int[] insertAll(List<UsageRecord> records) {
        List<Object[]> rows = new ArrayList<>(records.size());
        for (UsageRecord r : records) {
            rows.add(new Object[] {r.requestId(), r.organizationId(), r.teamId(), r.apiKeyId(), r.userId(), r.endUser(),
                    r.model(), r.provider(), r.deployment(), r.endpoint(), r.promptTokens(), r.cachedTokens(),
                    r.completionTokens(), r.cost(), r.latencyMs(), r.ttftMs(), r.statusCode(), r.errorCode(), r.outcome(),
                    Timestamps.toDb(r.createdAt()), Timestamps.toDb(hourOf(r.createdAt()))});
        }
        return template.batchUpdate(INSERT, rows);
    }

    /**
     * False when a record with this request id already exists (the request was billed once already). A conflict
     * is not an error (on conflict do nothing): the caller's transaction stays usable on PostgreSQL.
     */
    boolean insert(UsageRecord r, Instant hourBucket) {
        return jdbc.sql(INSERT)
                .params(r.requestId(), r.organizationId(), r.teamId(), r.apiKeyId(), r.userId(), r.endUser(), r.model(),
                        r.provider(), r.deployment(), r.endpoint(), r.promptTokens(), r.cachedTokens(),
                        r.completionTokens(), r.cost(), r.latencyMs(), r.ttftMs(), r.statusCode(), r.errorCode(),
                        r.outcome(), Timestamps.toDb(r.createdAt()), Timestamps.toDb(hourBucket))
                .update() == 1;
    }

    /** The request's record if it is {@code incomplete} (written from an expired hold), locked until the transaction ends. */
    java.util.Optional<UsageRecord> findIncompleteForUpdate(String requestId) {
        return jdbc.sql("select * from usage_records where request_id = ? and outcome = 'incomplete' for update")
                .param(requestId).query((rs, n) -> UsageRollupRepository.record(rs)).optional();
    }

    void delete(String requestId) {
        jdbc.sql("delete from usage_records where request_id = ?").param(requestId).update();
    }

    /** Hourly sums (UTC hours) in [from, to). */
    List<UsageTotals> hourly(UsageFilter filter, Instant from, Instant to) {
        Where where = where(filter, from, to);
        return jdbc.sql("""
                        select hour_bucket, count(*) as requests, sum(prompt_tokens) as prompt_tokens,
                               sum(cached_tokens) as cached_tokens, sum(completion_tokens) as completion_tokens,
                               sum(cost) as cost, sum(case when outcome = 'error' then 1 else 0 end) as errors
                        from usage_records where %s group by hour_bucket order by hour_bucket""".formatted(where.sql))
                .params(where.params).query(UsageRepository::totals).list();
    }

    UsageTotals apiKeyTotals(String apiKeyId, Instant from, Instant to) {
        return jdbc.sql("""
                        select count(*) as requests, coalesce(sum(prompt_tokens), 0) as prompt_tokens,
                               coalesce(sum(cached_tokens), 0) as cached_tokens,
                               coalesce(sum(completion_tokens), 0) as completion_tokens, coalesce(sum(cost), 0) as cost,
                               coalesce(sum(case when outcome = 'error' then 1 else 0 end), 0) as errors
                        from usage_records
                        where api_key_id = ? and hour_bucket >= ? and hour_bucket < ? and created_at >= ? and created_at < ?""")
                .params(apiKeyId, Timestamps.toDb(hourOf(from)), Timestamps.toDb(to), Timestamps.toDb(from),
                        Timestamps.toDb(to))
                .query((rs, n) -> new UsageTotals(from, rs.getLong("requests"), rs.getLong("prompt_tokens"),
                        rs.getLong("cached_tokens"), rs.getLong("completion_tokens"), rs.getBigDecimal("cost"),
                        rs.getLong("errors")))
                .single();
    }

    List<Spender> top(UsageFilter filter, String column, Instant from, Instant to, int limit) {
        Where where = where(filter, from, to);
        List<Object> params = new ArrayList<>(where.params);
        params.add(limit);
        return jdbc.sql("""
                        select %1$s as id, count(*) as requests, sum(prompt_tokens + completion_tokens) as tokens, sum(cost) as cost
                        from usage_records where %2$s and %1$s is not null
                        group by %1$s order by sum(cost) desc, %1$s limit ?""".formatted(column, where.sql))
                .params(params)
                .query((rs, n) -> new Spender(rs.getString("id"), rs.getLong("requests"), rs.getLong("tokens"),
                        rs.getBigDecimal("cost")))
                .list();
    }

    /** Sums per API key over [from, to); {@code apiKeyIds} null means every key of the organization. */
    List<Spender> byApiKey(String organizationId, java.util.Collection<String> apiKeyIds, Instant from, Instant to) {
        Where where = where(UsageFilter.organization(organizationId), from, to);
        StringBuilder sql = new StringBuilder("""
                select api_key_id as id, count(*) as requests, sum(prompt_tokens + completion_tokens) as tokens,
                       sum(cost) as cost
                from usage_records where %s and api_key_id is not null""".formatted(where.sql));
        List<Object> params = new ArrayList<>(where.params);
        if (apiKeyIds != null) {
            if (apiKeyIds.isEmpty()) {
                return List.of();
            }
            sql.append(" and api_key_id in (").append(String.join(", ", java.util.Collections.nCopies(apiKeyIds.size(), "?")))
                    .append(")");
            params.addAll(apiKeyIds);
        }
        sql.append(" group by api_key_id");
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Spender(rs.getString("id"), rs.getLong("requests"), rs.getLong("tokens"),
                        rs.getBigDecimal("cost")))
                .list();
    }

    private record Where(String sql, List<Object> params) {
    }

    private static Where where(UsageFilter filter, Instant from, Instant to) {
        StringBuilder sql = new StringBuilder("organization_id = ? and hour_bucket >= ? and hour_bucket < ?");
        List<Object> params = new ArrayList<>(List.of(filter.organizationId(), Timestamps.toDb(hourOf(from)),
                Timestamps.toDb(to)));
        if (filter.apiKeyId() != null) {
            sql.append(" and api_key_id = ?");
            params.add(filter.apiKeyId());
        }
        if (filter.teamId() != null) {
            sql.append(" and team_id = ?");
            params.add(filter.teamId());
        }
        if (filter.model() != null) {
            sql.append(" and model = ?");
            params.add(filter.model());
        }
        // Exact edges: the hour index narrows the scan, created_at decides.
        sql.append(" and created_at >= ? and created_at < ?");
        params.add(Timestamps.toDb(from));
        params.add(Timestamps.toDb(to));
        return new Where(sql.toString(), params);
    }

    static Instant hourOf(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    }

    private static UsageTotals totals(ResultSet rs, int row) throws SQLException {
        return new UsageTotals(Timestamps.fromDb(rs, "hour_bucket"), rs.getLong("requests"), rs.getLong("prompt_tokens"),
                rs.getLong("cached_tokens"), rs.getLong("completion_tokens"), rs.getBigDecimal("cost"), rs.getLong("errors"));
    }
}
