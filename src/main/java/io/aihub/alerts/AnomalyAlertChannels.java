package io.aihub.alerts;

import io.aihub.insights.AnomalyAlertSink;
import io.aihub.insights.AnomalyIncident;
import org.springframework.stereotype.Component;

/** Raises the insights module's usage anomalies through the organization budget's alert channels. */
@Component
class AnomalyAlertChannels implements AnomalyAlertSink {

    private final AlertService alerts;

    AnomalyAlertChannels(AlertService alerts) {
        this.alerts = alerts;
    }

    @Override
    public void raise(AnomalyIncident incident) {
        alerts.raiseAnomaly(incident);
    }
}
