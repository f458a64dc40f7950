/**
 * Budget alerts: thresholds and projected overspend, fired once per budget, kind, threshold and
 * period, stored, and delivered through a transactional outbox (retries with exponential backoff)
 * to webhook, Slack-compatible and e-mail channels. Evaluation runs on the poller, never on a
 * request's thread.
 */
package io.aihub.alerts;
