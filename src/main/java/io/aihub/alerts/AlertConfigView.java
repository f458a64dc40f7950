package io.aihub.alerts;

import java.util.List;

/** A budget's alert configuration (never a secret: {@code has_secret} only) and its latest alerts. */
record AlertConfigView(String budgetId, List<Integer> alertThresholds, List<Channel> channels, List<AlertView> alerts) {

    record Channel(String id, String type, String url, List<String> to, boolean hasSecret) {
    }
}
