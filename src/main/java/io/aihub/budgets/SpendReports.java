package io.aihub.budgets;

import io.aihub.common.Money;
import io.aihub.usage.RollupDimension;
import io.aihub.usage.Spender;
import io.aihub.usage.UsageAnalytics;
import io.aihub.usage.UsageFilter;
import io.aihub.usage.UsageService;
import io.aihub.usage.UsageTrends;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Read-side figures of a budget: its daily spend series (from the ledger), its top spenders and usage trends (from usage). */
@Component
class SpendReports {

    record TopSpenders(List<Spender> keys, List<Spender> teams, List<Spender> models) {
    }

    private final HoldLedger ledger;
    private final UsageService usage;
    private final UsageAnalytics analytics;

    SpendReports(HoldLedger ledger, UsageService usage, UsageAnalytics analytics) {
        this.ledger = ledger;
        this.usage = usage;
        this.analytics = analytics;
    }

    /** Day-over-day, week-over-week and run rate of the budget's scope (the organization's, a team's or a key's usage). */
    UsageTrends trends(Budget budget, Instant now) {
        return switch (budget.scopeType()) {
            case ORGANIZATION -> analytics.trends(budget.organizationId(), now);
            case TEAM -> analytics.trends(budget.organizationId(), RollupDimension.TEAM, budget.scopeId(), now);
            case API_KEY -> analytics.trends(budget.organizationId(), RollupDimension.KEY, budget.scopeId(), now);
        };
    }

    /** One entry per day of the period up to today, in the organization's timezone, zeros included. */
    List<BudgetView.DailySpend> daily(Budget budget, Instant start, Instant end, Instant now, ZoneId zone) {
        Instant until = now.isBefore(end) ? now : end;
        Map<LocalDate, BigDecimal> days = new LinkedHashMap<>();
        for (LocalDate d = start.atZone(zone).toLocalDate(); !d.isAfter(until.atZone(zone).toLocalDate())
                && d.atStartOfDay(zone).toInstant().isBefore(end); d = d.plusDays(1)) {
            days.put(d, BigDecimal.ZERO);
        }
        for (HoldLedger.HourSpend hour : ledger.hourly(budget, start, end)) {
            days.merge(hour.hour().atZone(zone).toLocalDate(), hour.spend(), BigDecimal::add);
        }
        List<BudgetView.DailySpend> series = new ArrayList<>(days.size());
        days.forEach((day, spend) -> series.add(new BudgetView.DailySpend(day, Money.of(spend).plain())));
        return series;
    }

    TopSpenders topSpenders(Budget budget, Instant from, Instant to) {
        UsageFilter filter = switch (budget.scopeType()) {
            case ORGANIZATION -> UsageFilter.organization(budget.organizationId());
            case TEAM -> UsageFilter.team(budget.organizationId(), budget.scopeId());
            case API_KEY -> UsageFilter.apiKey(budget.organizationId(), budget.scopeId());
        };
        return new TopSpenders(
                budget.scopeType() == ScopeType.API_KEY ? List.of() : usage.top(filter, UsageService.Dimension.KEY, from, to, 5),
                budget.scopeType() == ScopeType.ORGANIZATION ? usage.top(filter, UsageService.Dimension.TEAM, from, to, 5) : List.of(),
                usage.top(filter, UsageService.Dimension.MODEL, from, to, 5));
    }
}
