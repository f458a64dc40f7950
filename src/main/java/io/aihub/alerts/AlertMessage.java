package io.aihub.alerts;

import java.util.Map;

/** What a channel sends: a one-line text (Slack, e-mail subject and body) and a structured payload (webhook). */
record AlertMessage(String subject, String text, Map<String, Object> payload) {
}
