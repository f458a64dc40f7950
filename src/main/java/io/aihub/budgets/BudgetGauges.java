package io.aihub.budgets;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code aihub_budget_remaining_usd{organization,scope}} and {@code aihub_budget_usage_percentage{organization,scope}}.
 *
 * <p>One series per organization and scope (organization, team, api_key), whatever the number of team and key
 * budgets: for team and key scopes the series shows the tightest budget of that scope (least remaining, highest
 * usage percentage), which is what an alert rule wants. Refreshed every {@code aihub.budgets.metrics-refresh}
 * (10 s) from one read of the budgets table and the in-memory counters, so a scrape never queries the database.
 */
@Component
class BudgetGauges {

    private static final Logger log = LoggerFactory.getLogger(BudgetGauges.class);

    private final BudgetRepository budgets;
    private final BudgetService service;
    private final Clock clock;
    private final MultiGauge remaining;
    private final MultiGauge usage;

    BudgetGauges(BudgetRepository budgets, BudgetService service, MeterRegistry registry, Clock clock) {
        this.budgets = budgets;
        this.service = service;
        this.clock = clock;
        this.remaining = MultiGauge.builder("aihub.budget.remaining.usd")
                .description("Budget left this period in USD (the tightest budget of the scope)").register(registry);
        this.usage = MultiGauge.builder("aihub.budget.usage.percentage")
                .description("Budget spent this period in percent of its limit (the highest of the scope)").register(registry);
    }

    @Scheduled(fixedDelayString = "${aihub.budgets.metrics-refresh:10s}", initialDelay = 0)
    void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("budget gauges not refreshed: {}", e.toString());
        }
    }

    /** Recomputes every series; organizations and scopes without a budget any more disappear. */
    void refresh() {
        Instant now = clock.instant();
        Map<List<String>, BudgetService.Level> tightest = new TreeMap<>((a, b) -> String.join("\0", a).compareTo(String.join("\0", b)));
        for (Budget b : budgets.all()) {
            BudgetService.Level l = service.level(b, now);
            tightest.merge(List.of(l.organizationId(), l.scope()), l, (x, y) -> new BudgetService.Level(x.organizationId(),
                    x.scope(), x.remaining().min(y.remaining()), x.usagePercentage().max(y.usagePercentage())));
        }
        List<MultiGauge.Row<?>> remainingRows = new ArrayList<>();
        List<MultiGauge.Row<?>> usageRows = new ArrayList<>();
        tightest.forEach((key, l) -> {
            Tags tags = Tags.of("organization", key.get(0), "scope", key.get(1));
            remainingRows.add(MultiGauge.Row.of(tags, number(l.remaining())));
            usageRows.add(MultiGauge.Row.of(tags, number(l.usagePercentage())));
        });
        remaining.register(remainingRows, true);
        usage.register(usageRows, true);
    }

    private static double number(BigDecimal value) {
        return value.doubleValue(); // a gauge is a double; money paths stay BigDecimal
    }
}
