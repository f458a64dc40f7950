package io.aihub.budgets;

import io.aihub.budgets.BudgetCounterStore.CounterKey;
import io.aihub.common.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The durable side of reservations: one insert per request (at reserve, or at recordUsage), one
 * conditional update when it settles, is released or expires. Spend is summed from here, so it
 * survives a restart, and a hold still open after a restart is found and settled conservatively.
 */
@Repository
class HoldLedger {

    record Hold(String requestId, BudgetScope scope, BigDecimal amount, List<CounterKey> heldKeys, Instant createdAt,
            Instant expiresAt) {
    }

    record HourSpend(Instant hour, BigDecimal spend) {
    }

    private final JdbcClient jdbc;

    HoldLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False if the request id is already in the ledger (a retried reserve). */
    boolean insertHeld(Hold h) {
        try {
            jdbc.sql("""
                    insert into budget_holds (request_id, organization_id, team_id, api_key_id, amount, status, held_keys,
                        created_at, expires_at) values (?, ?, ?, ?, ?, 'held', ?, ?, ?)""")
                    .params(h.requestId(), h.scope().organizationId(), h.scope().teamId(), h.scope().apiKeyId(), h.amount(),
                            keys(h.heldKeys()), Timestamps.toDb(h.createdAt()), Timestamps.toDb(h.expiresAt()))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Spend without a hold; false if the request id was already recorded. */
    boolean insertRecorded(String requestId, BudgetScope scope, BigDecimal cost, Instant at) {
        try {
            jdbc.sql("""
                    insert into budget_holds (request_id, organization_id, team_id, api_key_id, amount, status, actual_cost,
                        held_keys, created_at, expires_at, settled_at, settled_hour)
                    values (?, ?, ?, ?, 0, 'recorded', ?, '', ?, ?, ?, ?)""")
                    .params(requestId, scope.organizationId(), scope.teamId(), scope.apiKeyId(), cost, Timestamps.toDb(at),
                            Timestamps.toDb(at), Timestamps.toDb(at), Timestamps.toDb(at.truncatedTo(ChronoUnit.HOURS)))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    Optional<Hold> findHeld(String requestId) {
        return jdbc.sql("select * from budget_holds where request_id = ? and status = 'held'").param(requestId)
                .query((rs, n) -> new Hold(rs.getString("request_id"),
                        new BudgetScope(rs.getString("organization_id"), rs.getString("team_id"), rs.getString("api_key_id")),
                        rs.getBigDecimal("amount"), parseKeys(rs.getString("held_keys")),
                        Timestamps.fromDb(rs, "created_at"), Timestamps.fromDb(rs, "expires_at")))
                .optional();
    }

    /** Closes a held row; false if it was no longer held (settled, released or expired by someone else). */
    boolean finish(String requestId, String status, BigDecimal actual, Instant at) {
        return jdbc.sql("""
                update budget_holds set status = ?, actual_cost = ?, settled_at = ?, settled_hour = ?
                where request_id = ? and status = 'held'""")
                .params(status, actual, Timestamps.toDb(at), Timestamps.toDb(at.truncatedTo(ChronoUnit.HOURS)), requestId)
                .update() == 1;
    }

    List<String> expiredHolds(Instant now, int limit) {
        return jdbc.sql("select request_id from budget_holds where status = 'held' and expires_at <= ? order by expires_at limit ?")
                .params(Timestamps.toDb(now), limit).query(String.class).list();
    }

    Optional<String> status(String requestId) {
        return jdbc.sql("select status from budget_holds where request_id = ?").param(requestId).query(String.class)
                .optional();
    }

    /** Settled spend of a budget's scope in [from, to). */
    BigDecimal spent(Budget budget, Instant from, Instant to) {
        Where w = where(budget, from, to);
        BigDecimal sum = jdbc.sql("select coalesce(sum(actual_cost), 0) from budget_holds where " + w.sql).params(w.params)
                .query(BigDecimal.class).single();
        return sum == null ? BigDecimal.ZERO : sum;
    }

    /** Hourly settled spend of a budget's scope in [from, to), oldest first. */
    List<HourSpend> hourly(Budget budget, Instant from, Instant to) {
        Where w = where(budget, from, to);
        return jdbc.sql("select settled_hour, sum(actual_cost) as spend from budget_holds where " + w.sql
                        + " group by settled_hour order by settled_hour")
                .params(w.params)
                .query((rs, n) -> new HourSpend(Timestamps.fromDb(rs, "settled_hour"), rs.getBigDecimal("spend")))
                .list();
    }

    /** What is still held on one counter. */
    BigDecimal reserved(CounterKey key) {
        BigDecimal sum = jdbc.sql("select coalesce(sum(amount), 0) from budget_holds where status = 'held' and held_keys like ?")
                .param("%" + key.asString() + "%").query(BigDecimal.class).single();
        return sum == null ? BigDecimal.ZERO : sum;
    }

    private record Where(String sql, List<Object> params) {
    }

    private static Where where(Budget budget, Instant from, Instant to) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("organization_id = ?");
        params.add(budget.organizationId());
        switch (budget.scopeType()) {
            case TEAM -> {
                sql.append(" and team_id = ?");
                params.add(budget.scopeId());
            }
            case API_KEY -> {
                sql.append(" and api_key_id = ?");
                params.add(budget.scopeId());
            }
            case ORGANIZATION -> {
            }
        }
        sql.append(" and settled_at >= ? and settled_at < ? and actual_cost is not null");
        params.add(Timestamps.toDb(from));
        params.add(Timestamps.toDb(to));
        return new Where(sql.toString(), params);
    }

    static String keys(List<CounterKey> keys) {
        return keys.stream().map(CounterKey::asString).collect(Collectors.joining(","));
    }

    static List<CounterKey> parseKeys(String value) {
        return value == null || value.isEmpty() ? List.of()
                : Arrays.stream(value.split(",")).map(CounterKey::parse).toList();
    }
}
