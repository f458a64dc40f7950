package io.aihub.insights;

/**
 * Where a new anomaly goes, once per incident. The budgets/alerts module provides the real one (its
 * alert channels) as a bean; without one, {@link LoggingAnomalyAlertSink} logs it. Incidents are stored
 * and listed by this module either way.
 */
public interface AnomalyAlertSink {

    void raise(AnomalyIncident incident);
}
