package io.aihub.keys;

import io.aihub.common.PageRequest;
import io.aihub.common.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores what it is given: ids, hashes and timestamps come from {@link ApiKeyService}. */
@Repository
class ApiKeyRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApiKey k) {
        KeySettings s = k.settings();
        jdbc.sql("""
                insert into api_keys (id, organization_id, team_id, name, key_prefix, key_hash, permitted_models,
                    permitted_endpoints, monthly_request_quota, monthly_token_quota, rate_limit_per_minute,
                    tokens_per_minute, max_parallel_requests, expires_at, metadata, created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(k.id(), k.organizationId(), s.teamId(), s.name(), k.keyPrefix(), k.keyHash(),
                        patterns(s.permissions().models()), patterns(s.permissions().endpoints()),
                        s.monthlyRequestQuota(), s.monthlyTokenQuota(), s.rateLimitPerMinute(), s.tokensPerMinute(),
                        s.maxParallelRequests(), Timestamps.toDb(s.expiresAt()), s.metadata(), k.createdBy(),
                        Timestamps.toDb(k.createdAt()), Timestamps.toDb(k.updatedAt()))
                .update();
    }

    void updateSettings(ApiKey k) {
        KeySettings s = k.settings();
        jdbc.sql("""
                update api_keys set team_id = ?, name = ?, permitted_models = ?, permitted_endpoints = ?,
                    monthly_request_quota = ?, monthly_token_quota = ?, rate_limit_per_minute = ?, tokens_per_minute = ?,
                    max_parallel_requests = ?, expires_at = ?, metadata = ?, updated_at = ?
                where id = ?""")
                .params(s.teamId(), s.name(), patterns(s.permissions().models()), patterns(s.permissions().endpoints()),
                        s.monthlyRequestQuota(), s.monthlyTokenQuota(), s.rateLimitPerMinute(), s.tokensPerMinute(),
                        s.maxParallelRequests(), Timestamps.toDb(s.expiresAt()), s.metadata(),
                        Timestamps.toDb(k.updatedAt()), k.id())
                .update();
    }

    /** Revokes once: a second call keeps the first revocation's who and when. */
    void revoke(String id, Instant at, String by) {
        jdbc.sql("update api_keys set revoked_at = ?, revoked_by = ?, updated_at = ? where id = ? and revoked_at is null")
                .params(Timestamps.toDb(at), by, Timestamps.toDb(at), id).update();
    }

    void replaceSecret(String id, String prefix, String hash, String previousHash, Instant previousExpiresAt, Instant at) {
        jdbc.sql("""
                update api_keys set key_prefix = ?, key_hash = ?, previous_key_hash = ?, previous_key_expires_at = ?,
                    regenerated_at = ?, updated_at = ?
                where id = ?""")
                .params(prefix, hash, previousHash, Timestamps.toDb(previousExpiresAt), Timestamps.toDb(at),
                        Timestamps.toDb(at), id)
                .update();
    }

    Optional<ApiKey> find(String id) {
        return jdbc.sql("select * from api_keys where id = ?").param(id).query(ApiKeyRepository::map).optional();
    }

    /** Locks the row for the rest of the transaction, so concurrent writes to one key serialize. */
    Optional<ApiKey> findForUpdate(String id) {
        return jdbc.sql("select * from api_keys where id = ? for update").param(id).query(ApiKeyRepository::map).optional();
    }

    /** Current secrets first; the previous-secret index is consulted only on a miss. */
    Optional<ApiKey> findByHash(String hash) {
        Optional<ApiKey> current = jdbc.sql("select * from api_keys where key_hash = ?").param(hash)
                .query(ApiKeyRepository::map).optional();
        if (current.isPresent()) {
            return current;
        }
        return jdbc.sql("select * from api_keys where previous_key_hash = ?").param(hash)
                .query(ApiKeyRepository::map).optional();
    }

    record ListFilter(String status, String teamId, String createdBy) {
    }

    List<ApiKey> list(String organizationId, ListFilter filter, Instant now, PageRequest page) {
        StringBuilder sql = new StringBuilder("select * from api_keys where organization_id = ? and id > ?");
        List<Object> params = new ArrayList<>(List.of(organizationId, page.cursor()));
        if (filter.status() != null) {
            switch (filter.status()) {
                case "revoked" -> sql.append(" and revoked_at is not null");
                case "expired" -> {
                    sql.append(" and revoked_at is null and expires_at is not null and expires_at <= ?");
                    params.add(Timestamps.toDb(now));
                }
                default -> {
                    sql.append(" and revoked_at is null and (expires_at is null or expires_at > ?)");
                    params.add(Timestamps.toDb(now));
                }
            }
        }
        if (filter.teamId() != null) {
            sql.append(" and team_id = ?");
            params.add(filter.teamId());
        }
        if (filter.createdBy() != null) {
            sql.append(" and created_by = ?");
            params.add(filter.createdBy());
        }
        sql.append(" order by id limit ?");
        params.add(page.fetchSize());
        return jdbc.sql(sql.toString()).params(params).query(ApiKeyRepository::map).list();
    }

    /** Every key of an organization, revoked and expired ones included. */
    List<ApiKey> allOf(String organizationId) {
        return jdbc.sql("select * from api_keys where organization_id = ? order by id").param(organizationId)
                .query(ApiKeyRepository::map).list();
    }

    List<ApiKey> findAll(String organizationId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        List<Object> params = new ArrayList<>();
        params.add(organizationId);
        params.addAll(ids);
        return jdbc.sql("select * from api_keys where organization_id = ? and id in (" + marks + ")")
                .params(params).query(ApiKeyRepository::map).list();
    }

    record StatusCounts(long active, long revoked, long expired) {
    }

    StatusCounts countByStatus(String organizationId, Instant now) {
        return jdbc.sql("""
                        select
                          sum(case when revoked_at is not null then 1 else 0 end) as revoked,
                          sum(case when revoked_at is null and expires_at is not null and expires_at <= ? then 1 else 0 end) as expired,
                          sum(case when revoked_at is null and (expires_at is null or expires_at > ?) then 1 else 0 end) as active
                        from api_keys where organization_id = ?""")
                .params(Timestamps.toDb(now), Timestamps.toDb(now), organizationId)
                .query((rs, n) -> new StatusCounts(rs.getLong("active"), rs.getLong("revoked"), rs.getLong("expired")))
                .single();
    }

    /** Active keys carrying a monthly request or token quota. */
    List<ApiKey> activeWithQuota(String organizationId, Instant now) {
        return jdbc.sql("""
                        select * from api_keys where organization_id = ? and revoked_at is null
                          and (expires_at is null or expires_at > ?)
                          and (monthly_request_quota is not null or monthly_token_quota is not null)
                        order by id""")
                .params(organizationId, Timestamps.toDb(now)).query(ApiKeyRepository::map).list();
    }

    List<ApiKey> expiringBetween(String organizationId, Instant from, Instant to) {
        return jdbc.sql("""
                        select * from api_keys where organization_id = ? and revoked_at is null
                          and expires_at > ? and expires_at <= ?
                        order by expires_at, id""")
                .params(organizationId, Timestamps.toDb(from), Timestamps.toDb(to)).query(ApiKeyRepository::map).list();
    }

    /** Moves {@code last_used_at} forward only, so a late flush never rewinds it. */
    void touch(Map<String, Instant> lastUsed) {
        for (var entry : lastUsed.entrySet()) {
            jdbc.sql("update api_keys set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                    .params(Timestamps.toDb(entry.getValue()), entry.getKey(), Timestamps.toDb(entry.getValue()))
                    .update();
        }
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        Long requestQuota = rs.getObject("monthly_request_quota", Long.class);
        Long tokenQuota = rs.getObject("monthly_token_quota", Long.class);
        Integer rpm = rs.getObject("rate_limit_per_minute", Integer.class);
        Integer tpm = rs.getObject("tokens_per_minute", Integer.class);
        Integer parallel = rs.getObject("max_parallel_requests", Integer.class);
        KeySettings settings = new KeySettings(rs.getString("name"), rs.getString("team_id"),
                new KeyPermissions(patterns(rs.getString("permitted_models")), patterns(rs.getString("permitted_endpoints"))),
                requestQuota, tokenQuota, rpm, tpm, parallel, Timestamps.fromDb(rs, "expires_at"), rs.getString("metadata"));
        return new ApiKey(rs.getString("id"), rs.getString("organization_id"), rs.getString("key_prefix"),
                rs.getString("key_hash"), rs.getString("previous_key_hash"), Timestamps.fromDb(rs, "previous_key_expires_at"),
                settings, rs.getString("created_by"), Timestamps.fromDb(rs, "created_at"), Timestamps.fromDb(rs, "updated_at"),
                Timestamps.fromDb(rs, "regenerated_at"), Timestamps.fromDb(rs, "revoked_at"), rs.getString("revoked_by"),
                Timestamps.fromDb(rs, "last_used_at"));
    }

    private static String patterns(List<String> patterns) {
        return patterns == null || patterns.isEmpty() ? null : JSON.writeValueAsString(patterns);
    }

    private static List<String> patterns(String json) {
        return json == null ? List.of() : JSON.readValue(json, STRINGS);
    }
}
