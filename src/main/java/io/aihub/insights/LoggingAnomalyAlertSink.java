package io.aihub.insights;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sink used while no alert channel module provides one: a warning in the log (ids and figures only). */
final class LoggingAnomalyAlertSink implements AnomalyAlertSink {

    private static final Logger log = LoggerFactory.getLogger(LoggingAnomalyAlertSink.class);

    @Override
    public void raise(AnomalyIncident i) {
        log.warn("usage anomaly: organization {} {} {} hour {}: {} {} above threshold {} (median {}, MAD {}, {} hours)",
                i.organizationId(), i.subjectKind(), i.subjectId(), i.hourStart(), i.metric(), i.observed().toPlainString(),
                i.threshold().toPlainString(), i.baselineMedian().toPlainString(), i.baselineMad().toPlainString(),
                i.samples());
    }
}
