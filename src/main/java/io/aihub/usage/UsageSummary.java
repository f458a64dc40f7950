package io.aihub.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An organization at a glance: the last 30 UTC days (today included), trends and the top spenders. */
public record UsageSummary(String organizationId, Instant from, Instant to, UsageReport.Totals totals,
        UsageTrends trends, List<TopEntry> topModels, List<TopEntry> topKeys, List<TopEntry> topTeams) {

    public record TopEntry(String id, long requests, long tokens, BigDecimal cost) {
    }
}
