/**
 * Budgets on three scopes (organization, team, API key): limits per period in the organization's
 * timezone, reservations the gateway takes before calling an upstream and settles after, lazily
 * closed periods, projections and summaries. {@link io.aihub.budgets.BudgetService} is the entry point;
 * counters sit behind {@link io.aihub.budgets.BudgetCounterStore}.
 */
package io.aihub.budgets;
