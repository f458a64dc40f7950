/**
 * Insights on top of the usage rollups: hourly anomaly detection (median + k·MAD over the last
 * seven days, per organization and per key, raised once per incident through {@link io.aihub.insights.AnomalyAlertSink})
 * and recommendations with evidence and an estimated monthly saving. What it needs from the keys and
 * budgets modules comes through {@link io.aihub.insights.KeyInventory} and {@link io.aihub.insights.BudgetOutlook}.
 */
package io.aihub.insights;
