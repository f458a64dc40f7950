package io.aihub.alerts;

import java.util.List;

/** Where a budget's alerts go. {@code secret} (webhook signing key) never leaves the server. */
record AlertChannel(String id, String budgetId, ChannelType type, String url, String secret, List<String> recipients) {
}
