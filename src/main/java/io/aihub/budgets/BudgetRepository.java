package io.aihub.budgets;

import io.aihub.common.Timestamps;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class BudgetRepository {

    record ClosedPeriod(Instant periodStart, Instant periodEnd, BigDecimal limit, BigDecimal finalSpend,
            BigDecimal peakPercentage, Instant closedAt) {
    }

    record LimitChange(Instant changedAt, BigDecimal oldLimit, BigDecimal newLimit, BigDecimal spendAtChange,
            String changedBy) {
    }

    private final JdbcClient jdbc;

    BudgetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Budget b) {
        jdbc.sql("""
                insert into budgets (id, organization_id, scope_type, scope_id, limit_amount, budget_period, hard_limit,
                    alert_thresholds, period_start, peak_percentage, created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(b.id(), b.organizationId(), b.scopeType().wireName, b.scopeId(), b.limit(), b.period().wireName,
                        b.hardLimit(), thresholds(b.alertThresholds()), Timestamps.toDb(b.periodStart()),
                        b.peakPercentage(), b.createdBy(), Timestamps.toDb(b.createdAt()), Timestamps.toDb(b.updatedAt()))
                .update();
    }

    void update(Budget b) {
        jdbc.sql("""
                update budgets set limit_amount = ?, budget_period = ?, hard_limit = ?, alert_thresholds = ?,
                    period_start = ?, peak_percentage = ?, updated_at = ? where id = ?""")
                .params(b.limit(), b.period().wireName, b.hardLimit(), thresholds(b.alertThresholds()),
                        Timestamps.toDb(b.periodStart()), b.peakPercentage(), Timestamps.toDb(b.updatedAt()), b.id())
                .update();
    }

    void delete(String id) {
        jdbc.sql("delete from budgets where id = ?").param(id).update();
    }

    Optional<Budget> byScope(ScopeType type, String scopeId) {
        return jdbc.sql("select * from budgets where scope_type = ? and scope_id = ?").params(type.wireName, scopeId)
                .query(BudgetRepository::budget).optional();
    }

    List<Budget> all() {
        return jdbc.sql("select * from budgets order by id").query(BudgetRepository::budget).list();
    }

    List<Budget> ofOrganization(String organizationId) {
        return jdbc.sql("select * from budgets where organization_id = ? order by id").param(organizationId)
                .query(BudgetRepository::budget).list();
    }

    Optional<Budget> byId(String id) {
        return jdbc.sql("select * from budgets where id = ?").param(id).query(BudgetRepository::budget).optional();
    }

    /** Moves the row to a later period only if nobody did it first; answers whether we did. */
    boolean advancePeriod(String id, Instant from, Instant to) {
        return jdbc.sql("update budgets set period_start = ?, peak_percentage = 0 where id = ? and period_start = ?")
                .params(Timestamps.toDb(to), id, Timestamps.toDb(from)).update() == 1;
    }

    /** Idempotent: a period already closed (by a racing reader, or by a period change) is kept as it is. */
    void insertClosedPeriod(String budgetId, ClosedPeriod p) {
        jdbc.sql("""
                insert into budget_periods (budget_id, period_start, period_end, limit_amount, final_spend, peak_percentage,
                    closed_at)
                select ?, ?, ?, ?, ?, ?, ? where not exists
                    (select 1 from budget_periods where budget_id = ? and period_start = ?)""")
                .params(budgetId, Timestamps.toDb(p.periodStart()), Timestamps.toDb(p.periodEnd()), p.limit(),
                        p.finalSpend(), p.peakPercentage(), Timestamps.toDb(p.closedAt()), budgetId,
                        Timestamps.toDb(p.periodStart()))
                .update();
    }

    List<ClosedPeriod> closedPeriods(String budgetId, int limit) {
        return jdbc.sql("select * from budget_periods where budget_id = ? order by period_start desc limit ?")
                .params(budgetId, limit)
                .query((rs, n) -> new ClosedPeriod(Timestamps.fromDb(rs, "period_start"), Timestamps.fromDb(rs, "period_end"),
                        rs.getBigDecimal("limit_amount"), rs.getBigDecimal("final_spend"),
                        rs.getBigDecimal("peak_percentage"), Timestamps.fromDb(rs, "closed_at")))
                .list();
    }

    void insertLimitChange(String id, String budgetId, LimitChange c) {
        jdbc.sql("""
                insert into budget_limit_changes (id, budget_id, changed_at, old_limit, new_limit, spend_at_change, changed_by)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, budgetId, Timestamps.toDb(c.changedAt()), c.oldLimit(), c.newLimit(), c.spendAtChange(),
                        c.changedBy())
                .update();
    }

    List<LimitChange> limitChanges(String budgetId, int limit) {
        return jdbc.sql("select * from budget_limit_changes where budget_id = ? order by changed_at desc, id desc limit ?")
                .params(budgetId, limit)
                .query((rs, n) -> new LimitChange(Timestamps.fromDb(rs, "changed_at"), rs.getBigDecimal("old_limit"),
                        rs.getBigDecimal("new_limit"), rs.getBigDecimal("spend_at_change"), rs.getString("changed_by")))
                .list();
    }

    private static String thresholds(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static Budget budget(ResultSet rs, int row) throws SQLException {
        String thresholds = rs.getString("alert_thresholds");
        List<Integer> parsed = thresholds.isEmpty() ? List.of()
                : Arrays.stream(thresholds.split(",")).map(Integer::valueOf).toList();
        return new Budget(rs.getString("id"), rs.getString("organization_id"), ScopeType.fromDb(rs.getString("scope_type")),
                rs.getString("scope_id"), rs.getBigDecimal("limit_amount"), BudgetPeriod.parse(rs.getString("budget_period")),
                rs.getBoolean("hard_limit"), parsed, Timestamps.fromDb(rs, "period_start"),
                rs.getBigDecimal("peak_percentage"), rs.getString("created_by"), Timestamps.fromDb(rs, "created_at"),
                Timestamps.fromDb(rs, "updated_at"));
    }
}
