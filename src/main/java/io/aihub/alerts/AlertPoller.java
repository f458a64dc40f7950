package io.aihub.alerts;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Evaluates budgets whose spend changed and delivers due outbox rows, off every request thread. */
@Component
class AlertPoller {

    private final AlertService alerts;

    AlertPoller(AlertService alerts) {
        this.alerts = alerts;
    }

    @Scheduled(fixedDelayString = "${aihub.alerts.poll-interval:5s}", initialDelayString = "${aihub.alerts.poll-interval:5s}")
    void poll() {
        alerts.evaluatePending();
        alerts.deliverDue();
    }
}
