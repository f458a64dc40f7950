package io.aihub.insights;

/**
 * Where a new anomaly goes, once per incident. The alerts module implements it (the organization
 * budget's alert channels). Incidents are also stored and listed by this module.
 */
public interface AnomalyAlertSink {

    void raise(AnomalyIncident incident);
}
