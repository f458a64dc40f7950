package io.aihub.budgets;

import io.aihub.budgets.BudgetCounterStore.CounterKey;
import io.aihub.budgets.BudgetCounterStore.LedgerState;
import io.aihub.common.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable side of reservations: one insert per request (at reserve, or at recordUsage), one
 * conditional update when it settles, is released or expires. Spend is summed from here, so it
 * survives a restart, and a hold still open after a restart is found and settled conservatively.
 *
 * <p>The gateway's holds and settlements are written behind: {@link #insertLater} and
 * {@link #finishLater} only queue the change, and {@link #flush} writes the queue in one batch (the
 * {@code HoldLedgerFlusher} every {@code aihub.budgets.ledger-flush}, and every read here first, so a
 * read always sees every change made before it). A request that ends before its hold was written
 * costs one insert of the finished row instead of an insert and an update. A queued change the
 * database refuses (a request id already in the ledger, a row no longer held) is reported through
 * {@link #takeRejectedBudgets}: the caller drops those budgets' counters, which then reload from
 * the ledger, the truth.
 */
@Repository
class HoldLedger {

    /** @param note what the caller held it for, opaque here (null: nothing said) */
    record Hold(String requestId, BudgetScope scope, BigDecimal amount, List<CounterKey> heldKeys, Instant createdAt,
            Instant expiresAt, String note) {
    }

    record HourSpend(Instant hour, BigDecimal spend) {
    }

    private static final Logger log = LoggerFactory.getLogger(HoldLedger.class);
    private static final String INSERT = """
            insert into budget_holds (request_id, organization_id, team_id, api_key_id, amount, status, actual_cost,
                held_keys, created_at, expires_at, settled_at, settled_hour, request_note)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String FINISH = """
            update budget_holds set status = ?, actual_cost = ?, settled_at = ?, settled_hour = ?
            where request_id = ? and status = 'held'""";

    /** A request's ledger change not yet written: its row (to insert, or only to finish) and how it ended. */
    private static final class Pending {
        final Hold hold;
        final boolean insert;
        String status;
        BigDecimal actual;
        Instant at;

        Pending(Hold hold, boolean insert) {
            this.hold = hold;
            this.insert = insert;
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;
    private final Object queueLock = new Object();
    private final Object flushLock = new Object();
    /** Guarded by queueLock; in arrival order. */
    private LinkedHashMap<String, Pending> queue = new LinkedHashMap<>();
    private final Set<String> rejectedBudgets = ConcurrentHashMap.newKeySet();

    HoldLedger(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.template = template;
        this.tx = tx;
    }

    /** Queues the insert of a new {@code held} row. */
    void insertLater(Hold h) {
        synchronized (queueLock) {
            queue.put(h.requestId(), new Pending(h, true));
        }
    }

    /** Queues the end of a hold; if its insert is still queued, the row is inserted finished. */
    void finishLater(Hold h, String status, BigDecimal actual, Instant at) {
        synchronized (queueLock) {
            Pending p = queue.get(h.requestId());
            if (p == null) {
                p = new Pending(h, false);
                queue.put(h.requestId(), p);
            }
            p.status = status;
            p.actual = actual;
            p.at = at;
        }
    }

    /** Changes queued and not yet written (a gauge, and tests). */
    int queued() {
        synchronized (queueLock) {
            return queue.size();
        }
    }

    /**
     * Writes every queued change, inserts in one batch and finishes in another, each in one transaction.
     * If the database fails, the changes go back to the front of the queue and the exception is thrown.
     */
    void flush() {
        synchronized (flushLock) {
            LinkedHashMap<String, Pending> batch;
            synchronized (queueLock) {
                if (queue.isEmpty()) {
                    return;
                }
                batch = queue;
                queue = new LinkedHashMap<>();
            }
            try {
                write(batch.values());
            } catch (RuntimeException e) {
                synchronized (queueLock) {
                    for (Pending later : queue.values()) {
                        Pending earlier = batch.get(later.hold.requestId());
                        if (earlier == null) {
                            batch.put(later.hold.requestId(), later);
                        } else { // the hold's end arrived while its insert was being written
                            earlier.status = later.status;
                            earlier.actual = later.actual;
                            earlier.at = later.at;
                        }
                    }
                    queue = batch;
                }
                throw e;
            }
        }
    }

    /** Budgets whose counters took a change the ledger refused since the last call: drop and reload them. */
    Set<String> takeRejectedBudgets() {
        if (rejectedBudgets.isEmpty()) {
            return Set.of();
        }
        Set<String> taken = new HashSet<>();
        for (String id : List.copyOf(rejectedBudgets)) {
            if (rejectedBudgets.remove(id)) {
                taken.add(id);
            }
        }
        return taken;
    }

    private void write(Collection<Pending> batch) {
        List<Object[]> inserts = new ArrayList<>();
        List<Pending> inserted = new ArrayList<>();
        List<Object[]> finishes = new ArrayList<>();
        List<Pending> finished = new ArrayList<>();
        for (Pending p : batch) {
            if (p.insert) {
                inserts.add(insertRow(p));
                inserted.add(p);
            } else {
                finishes.add(new Object[] {p.status, p.actual, Timestamps.toDb(p.at),
                        Timestamps.toDb(p.at.truncatedTo(ChronoUnit.HOURS)), p.hold.requestId()});
                finished.add(p);
            }
        }
        List<Pending> rejected = new ArrayList<>();
        if (!inserts.isEmpty()) {
            try {
                tx.executeWithoutResult(s -> template.batchUpdate(INSERT, inserts));
            } catch (DataIntegrityViolationException duplicate) {
                // Rare (a reserve retried with a used request id): find which rows, one by one.
                for (int i = 0; i < inserts.size(); i++) {
                    try {
                        template.update(INSERT, inserts.get(i));
                    } catch (DataIntegrityViolationException e) {
                        rejected.add(inserted.get(i));
                    }
                }
            }
        }
        if (!finishes.isEmpty()) {
            int[] counts = tx.execute(s -> template.batchUpdate(FINISH, finishes));
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    rejected.add(finished.get(i)); // settled, released or expired by someone else first
                }
            }
        }
        for (Pending p : rejected) {
            log.warn("budget ledger refused the {} of request {}; its budgets' counters are reloaded from the ledger",
                    p.insert ? "hold" : p.status, p.hold.requestId());
            p.hold.heldKeys().forEach(k -> rejectedBudgets.add(k.budgetId()));
        }
    }

    private static Object[] insertRow(Pending p) {
        Hold h = p.hold;
        boolean ended = p.status != null;
        return new Object[] {h.requestId(), h.scope().organizationId(), h.scope().teamId(), h.scope().apiKeyId(),
                h.amount(), ended ? p.status : "held", ended ? p.actual : null, keys(h.heldKeys()),
                Timestamps.toDb(h.createdAt()), Timestamps.toDb(h.expiresAt()), ended ? Timestamps.toDb(p.at) : null,
                ended ? Timestamps.toDb(p.at.truncatedTo(ChronoUnit.HOURS)) : null, h.note()};
    }

    /** Spend without a hold; false if the request id was already recorded. */
    boolean insertRecorded(String requestId, BudgetScope scope, BigDecimal cost, Instant at) {
        flush();
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
        flush();
        return jdbc.sql("select * from budget_holds where request_id = ? and status = 'held'").param(requestId)
                .query((rs, n) -> new Hold(rs.getString("request_id"),
                        new BudgetScope(rs.getString("organization_id"), rs.getString("team_id"), rs.getString("api_key_id")),
                        rs.getBigDecimal("amount"), parseKeys(rs.getString("held_keys")),
                        Timestamps.fromDb(rs, "created_at"), Timestamps.fromDb(rs, "expires_at"), rs.getString("request_note")))
                .optional();
    }

    /** An expired hold: who it charged, and how much, when. */
    record ExpiredHold(BudgetScope scope, BigDecimal charged, Instant expiredAt) {
    }

    Optional<ExpiredHold> findExpired(String requestId) {
        flush();
        return jdbc.sql("select organization_id, team_id, api_key_id, actual_cost, settled_at from budget_holds "
                        + "where request_id = ? and status = 'expired'").param(requestId)
                .query((rs, n) -> new ExpiredHold(new BudgetScope(rs.getString("organization_id"), rs.getString("team_id"),
                        rs.getString("api_key_id")), rs.getBigDecimal("actual_cost"), Timestamps.fromDb(rs, "settled_at")))
                .optional();
    }

    /** Turns an expired row into a settled one at {@code actual} (its settlement time stays the expiry's); false if not expired. */
    boolean resettle(String requestId, BigDecimal actual) {
        flush();
        return jdbc.sql("update budget_holds set status = 'settled', actual_cost = ? where request_id = ? and status = 'expired'")
                .params(actual, requestId).update() == 1;
    }

    /** Closes a held row; false if it was no longer held (settled, released or expired by someone else). */
    boolean finish(String requestId, String status, BigDecimal actual, Instant at) {
        flush();
        return jdbc.sql("""
                update budget_holds set status = ?, actual_cost = ?, settled_at = ?, settled_hour = ?
                where request_id = ? and status = 'held'""")
                .params(status, actual, Timestamps.toDb(at), Timestamps.toDb(at.truncatedTo(ChronoUnit.HOURS)), requestId)
                .update() == 1;
    }

    List<String> expiredHolds(Instant now, int limit) {
        flush();
        return jdbc.sql("select request_id from budget_holds where status = 'held' and expires_at <= ? order by expires_at limit ?")
                .params(Timestamps.toDb(now), limit).query(String.class).list();
    }

    /** The ledger rows of these request ids: status and actual cost (absent ids were never received). */
    Map<String, LedgerState> states(Collection<String> requestIds) {
        flush();
        Map<String, LedgerState> found = new HashMap<>();
        List<String> ids = List.copyOf(requestIds);
        for (int from = 0; from < ids.size(); from += 500) {
            jdbc.sql("select request_id, status, actual_cost from budget_holds where request_id in (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .query((rs, n) -> found.put(rs.getString("request_id"),
                            new LedgerState(rs.getString("status"), rs.getBigDecimal("actual_cost"))))
                    .list();
        }
        return found;
    }

    Optional<String> status(String requestId) {
        flush();
        return jdbc.sql("select status from budget_holds where request_id = ?").param(requestId).query(String.class)
                .optional();
    }

    /** Settled spend of a budget's scope in [from, to). */
    BigDecimal spent(Budget budget, Instant from, Instant to) {
        flush();
        Where w = where(budget, from, to);
        BigDecimal sum = jdbc.sql("select coalesce(sum(actual_cost), 0) from budget_holds where " + w.sql).params(w.params)
                .query(BigDecimal.class).single();
        return sum == null ? BigDecimal.ZERO : sum;
    }

    /** Hourly settled spend of a budget's scope in [from, to), oldest first. */
    List<HourSpend> hourly(Budget budget, Instant from, Instant to) {
        flush();
        Where w = where(budget, from, to);
        return jdbc.sql("select settled_hour, sum(actual_cost) as spend from budget_holds where " + w.sql
                        + " group by settled_hour order by settled_hour")
                .params(w.params)
                .query((rs, n) -> new HourSpend(Timestamps.fromDb(rs, "settled_hour"), rs.getBigDecimal("spend")))
                .list();
    }

    /** What is still held on one counter. */
    BigDecimal reserved(CounterKey key) {
        flush();
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
