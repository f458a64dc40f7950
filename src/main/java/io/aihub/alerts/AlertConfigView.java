package io.aihub.alerts;

import java.util.List;

/** A budget's alert configuration (never a secret: {@code has_secret} only) and its latest alerts. */
public record AlertConfigView(String budgetId, List<Integer> alertThresholds, List<Channel> channels, List<AlertView> alerts) {

    public record Channel(String id, String type, String url, List<String> to, boolean hasSecret) {
    }
}
