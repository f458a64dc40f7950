package io.aihub.alerts;

import io.aihub.common.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AlertRepository {

    record OutboxRow(String id, String alertId, String channelId, String channelType, int attempts, String status,
            Instant nextAttemptAt, String lastError) {
    }

    private final JdbcClient jdbc;

    AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // channels

    void replaceChannels(String budgetId, List<AlertChannel> channels, Instant now) {
        jdbc.sql("delete from alert_channels where budget_id = ?").param(budgetId).update();
        for (int i = 0; i < channels.size(); i++) {
            AlertChannel c = channels.get(i);
            jdbc.sql("""
                    insert into alert_channels (id, budget_id, channel_type, url, secret, recipients, position, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(c.id(), budgetId, c.type().wireName, c.url(), c.secret(),
                            c.recipients().isEmpty() ? null : String.join(",", c.recipients()), i, Timestamps.toDb(now))
                    .update();
        }
    }

    List<AlertChannel> channels(String budgetId) {
        return jdbc.sql("select * from alert_channels where budget_id = ? order by position").param(budgetId)
                .query(AlertRepository::channel).list();
    }

    Optional<AlertChannel> channel(String id) {
        return jdbc.sql("select * from alert_channels where id = ?").param(id).query(AlertRepository::channel).optional();
    }

    // alerts

    void insertAlert(Alert a) {
        jdbc.sql("""
                insert into budget_alerts (id, organization_id, budget_id, scope_type, scope_id, alert_type, threshold,
                    period_start, spend, limit_amount, message, delivery_status, created_at, incident_id, metric)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.id(), a.organizationId(), a.budgetId(), a.scope(), a.scopeId(), a.type(), a.threshold(),
                        Timestamps.toDb(a.periodStart()), a.spend(), a.limit(), a.message(), a.deliveryStatus(),
                        Timestamps.toDb(a.createdAt()), a.incidentId() == null ? "" : a.incidentId(), a.metric())
                .update();
    }

    Optional<Alert> alert(String id) {
        return jdbc.sql("select * from budget_alerts where id = ?").param(id).query(AlertRepository::alert).optional();
    }

    List<Alert> alertsOfBudget(String budgetId, int limit) {
        return jdbc.sql("select * from budget_alerts where budget_id = ? order by id desc limit ?").params(budgetId, limit)
                .query(AlertRepository::alert).list();
    }

    /** Alerts of the given organizations (null: all), ascending id after {@code cursor}. */
    List<Alert> alerts(List<String> organizationIds, String cursor, int fetch) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select * from budget_alerts where id > ?");
        params.add(cursor);
        if (organizationIds != null) {
            if (organizationIds.isEmpty()) return List.of();
            sql.append(" and organization_id in (").append(String.join(",", organizationIds.stream().map(x -> "?").toList()))
                    .append(")");
            params.addAll(organizationIds);
        }
        sql.append(" order by id limit ?");
        params.add(fetch);
        return jdbc.sql(sql.toString()).params(params).query(AlertRepository::alert).list();
    }

    void updateDeliveryStatus(String alertId, String status) {
        jdbc.sql("update budget_alerts set delivery_status = ? where id = ?").params(status, alertId).update();
    }

    // outbox

    void insertOutbox(String id, String alertId, AlertChannel channel, Instant now) {
        jdbc.sql("""
                insert into alert_outbox (id, alert_id, channel_id, channel_type, attempts, status, next_attempt_at, updated_at)
                values (?, ?, ?, ?, 0, 'pending', ?, ?)""")
                .params(id, alertId, channel.id(), channel.type().wireName, Timestamps.toDb(now), Timestamps.toDb(now))
                .update();
    }

    List<OutboxRow> due(Instant now, int limit) {
        return jdbc.sql("select * from alert_outbox where status = 'pending' and next_attempt_at <= ? order by next_attempt_at limit ?")
                .params(Timestamps.toDb(now), limit).query(AlertRepository::outbox).list();
    }

    List<OutboxRow> outboxOf(String alertId) {
        return jdbc.sql("select * from alert_outbox where alert_id = ? order by id").param(alertId)
                .query(AlertRepository::outbox).list();
    }

    void recordAttempt(String id, int attempts, String status, Instant nextAttemptAt, String lastError, Instant now) {
        jdbc.sql("""
                update alert_outbox set attempts = ?, status = ?, next_attempt_at = ?, last_error = ?, updated_at = ?
                where id = ?""")
                .params(attempts, status, Timestamps.toDb(nextAttemptAt), lastError, Timestamps.toDb(now), id).update();
    }

    private static OutboxRow outbox(ResultSet rs, int row) throws SQLException {
        return new OutboxRow(rs.getString("id"), rs.getString("alert_id"), rs.getString("channel_id"),
                rs.getString("channel_type"), rs.getInt("attempts"), rs.getString("status"),
                Timestamps.fromDb(rs, "next_attempt_at"), rs.getString("last_error"));
    }

    private static AlertChannel channel(ResultSet rs, int row) throws SQLException {
        String recipients = rs.getString("recipients");
        return new AlertChannel(rs.getString("id"), rs.getString("budget_id"),
                ChannelType.parse(rs.getString("channel_type"), "type"), rs.getString("url"), rs.getString("secret"),
                recipients == null ? List.of() : Arrays.asList(recipients.split(",")));
    }

    private static Alert alert(ResultSet rs, int row) throws SQLException {
        return new Alert(rs.getString("id"), rs.getString("organization_id"), rs.getString("budget_id"),
                rs.getString("scope_type"), rs.getString("scope_id"), rs.getString("alert_type"), rs.getInt("threshold"),
                Timestamps.fromDb(rs, "period_start"), rs.getBigDecimal("spend"), rs.getBigDecimal("limit_amount"),
                rs.getString("message"), rs.getString("delivery_status"), Timestamps.fromDb(rs, "created_at"),
                rs.getString("incident_id"), rs.getString("metric"));
    }
}
