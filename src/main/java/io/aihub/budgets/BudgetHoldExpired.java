package io.aihub.budgets;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A hold was expired: its request never settled it within {@code aihub.budgets.hold-timeout} (its instance
 * stopped mid-request, most often) and {@code spent} was charged, its full amount. Published once per hold,
 * after the ledger took the expiry, on the sweeper's thread.
 *
 * @param note what the hold was reserved for, as given to {@code reserve} (null if nothing was said)
 */
public record BudgetHoldExpired(String requestId, BudgetScope scope, BigDecimal spent, String note, Instant heldAt) {
}
