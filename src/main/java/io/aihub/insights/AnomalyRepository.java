package io.aihub.insights;

import io.aihub.common.PageRequest;
import io.aihub.common.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AnomalyRepository {

    private final JdbcClient jdbc;

    AnomalyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when this subject's hour was recorded before (by this or another instance): once per incident. */
    boolean insertIfAbsent(AnomalyIncident i) {
        return jdbc.sql("""
                        insert into usage_anomalies (id, organization_id, subject_kind, subject_id, hour_start, metric, observed,
                            baseline_median, baseline_mad, threshold, samples, detected_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(i.id(), i.organizationId(), i.subjectKind(), i.subjectId(), Timestamps.toDb(i.hourStart()), i.metric(),
                        i.observed(), i.baselineMedian(), i.baselineMad(), i.threshold(), i.samples(),
                        Timestamps.toDb(i.detectedAt()))
                .update() == 1;
    }

    List<AnomalyIncident> list(String organizationId, PageRequest page) {
        return jdbc.sql("select * from usage_anomalies where organization_id = ? and id > ? order by id limit ?")
                .params(organizationId, page.cursor(), page.fetchSize()).query(AnomalyRepository::map).list();
    }

    private static AnomalyIncident map(ResultSet rs, int n) throws SQLException {
        return new AnomalyIncident(rs.getString("id"), rs.getString("organization_id"), rs.getString("subject_kind"),
                rs.getString("subject_id"), Timestamps.fromDb(rs, "hour_start"), rs.getString("metric"),
                rs.getBigDecimal("observed"), rs.getBigDecimal("baseline_median"), rs.getBigDecimal("baseline_mad"),
                rs.getBigDecimal("threshold"), rs.getInt("samples"), Timestamps.fromDb(rs, "detected_at"));
    }
}
