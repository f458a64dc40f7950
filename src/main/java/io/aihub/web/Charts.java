package io.aihub.web;

import io.aihub.budgets.BudgetView;
import io.aihub.usage.UsageTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chart data for uPlot as JSON in a {@code data-chart} attribute: x values (epoch seconds) and named
 * series. Amounts go out as exact decimal numbers; the chart only draws them.
 */
@Component
class Charts {

    private final JsonMapper json;

    Charts(JsonMapper json) {
        this.json = json;
    }

    record Series(String label, List<BigDecimal> values, String color, boolean dashed) {
    }

    String render(String kind, List<Long> x, List<Series> series) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("kind", kind);
        chart.put("x", x);
        List<Map<String, Object>> s = new ArrayList<>();
        for (Series one : series) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", one.label());
            m.put("values", one.values());
            m.put("color", one.color());
            m.put("dashed", one.dashed());
            s.add(m);
        }
        chart.put("series", s);
        return json.writeValueAsString(chart);
    }

    /**
     * The budget period day by day: cumulative spend so far, the straight-line projection from today's
     * spend to the projected period total, and the limit.
     */
    String budgetPeriod(BudgetView b, ZoneId zone) {
        LocalDate first = b.periodStart().atZone(zone).toLocalDate();
        LocalDate last = b.periodEnd().atZone(zone).toLocalDate().minusDays(1);
        if (last.isBefore(first)) last = first;
        Map<LocalDate, BigDecimal> daily = new LinkedHashMap<>();
        for (BudgetView.DailySpend d : b.dailySpend()) daily.put(d.date(), d.spend());
        LocalDate today = b.dailySpend().isEmpty() ? first : b.dailySpend().getLast().date();
        List<Long> x = new ArrayList<>();
        List<BigDecimal> actual = new ArrayList<>();
        List<BigDecimal> projection = new ArrayList<>();
        List<BigDecimal> limit = new ArrayList<>();
        BigDecimal running = BigDecimal.ZERO;
        long daysAfterToday = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(today, last));
        BigDecimal spentSoFar = b.currentSpend();
        BigDecimal step = b.projectedSpend().subtract(spentSoFar).max(BigDecimal.ZERO)
                .divide(BigDecimal.valueOf(daysAfterToday), 10, RoundingMode.HALF_UP);
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            x.add(d.atStartOfDay(zone).toEpochSecond());
            if (!d.isAfter(today)) {
                running = running.add(daily.getOrDefault(d, BigDecimal.ZERO));
                actual.add(running);
            } else {
                actual.add(null);
            }
            if (d.isBefore(today)) {
                projection.add(null);
            } else {
                long ahead = java.time.temporal.ChronoUnit.DAYS.between(today, d);
                projection.add(spentSoFar.add(step.multiply(BigDecimal.valueOf(ahead))).stripTrailingZeros());
            }
            limit.add(b.limit());
        }
        return render("line", x, List.of(new Series("Spend", actual, "#2563eb", false),
                new Series("Projection", projection, "#f59e0b", true), new Series("Limit", limit, "#dc2626", true)));
    }

    /** A usage history: cost per bucket and requests per bucket. */
    String usage(List<UsageTotals> history) {
        List<Long> x = history.stream().map(t -> t.start().getEpochSecond()).toList();
        List<BigDecimal> cost = history.stream().map(UsageTotals::cost).toList();
        return render("bars", x, List.of(new Series("Cost (USD)", cost, "#2563eb", false)));
    }

    String keyUsage(io.aihub.keys.KeyReports.KeyUsage usage) {
        List<Long> x = usage.data().stream().map(b -> b.start().getEpochSecond()).toList();
        List<BigDecimal> cost = usage.data().stream().map(io.aihub.keys.KeyReports.UsageBucket::cost).toList();
        return render("bars", x, List.of(new Series("Cost (USD)", cost, "#2563eb", false)));
    }
}
