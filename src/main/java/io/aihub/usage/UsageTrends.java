package io.aihub.usage;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Spend movement over complete UTC hours ending at {@code asOf}: the last 24 hours against the 24
 * before, the last 7 days against the 7 before, and the monthly run rate (last 7 days' cost / 7 x 30).
 */
public record UsageTrends(Instant asOf, Change dayOverDay, Change weekOverWeek, BigDecimal runRateMonthly) {

    /** {@code changePercent} is null when the previous window spent nothing (no base to compare with). */
    public record Change(BigDecimal currentCost, BigDecimal previousCost, BigDecimal changePercent, long currentRequests,
            long previousRequests) {
    }
}
