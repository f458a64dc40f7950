package io.aihub.insights;

import io.aihub.tenancy.TenancyService;
import io.aihub.usage.DeploymentHealth;
import io.aihub.usage.RollupDimension;
import io.aihub.usage.UsageAnalytics;
import io.aihub.usage.UsageFigures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Builds the recommendations of an organization from the usage rollups, and from the keys and budgets
 * modules through {@link KeyInventory} and {@link BudgetOutlook} (implemented by those modules).
 * Ordered by estimated saving, largest first.
 */
@Service
public class Recommendations {

    static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    static final Duration WINDOW = Duration.ofDays(30);
    static final Duration ERROR_WINDOW = Duration.ofHours(24);
    static final int ERROR_MIN_REQUESTS = 20;
    static final BigDecimal ERROR_RATE = new BigDecimal("0.05");

    /** The answer: {@code sources} says which inputs were available (keys, budgets). */
    public record Answer(Instant generatedAt, Map<String, Boolean> sources, List<Recommendation> data) {
    }

    private final UsageAnalytics analytics;
    private final TenancyService tenancy;
    private final KeyInventory keys;
    private final BudgetOutlook budgets;
    private final InsightsProperties properties;

    /** The keys and budgets modules are part of every build: a missing or ambiguous port fails the start. */
    Recommendations(UsageAnalytics analytics, TenancyService tenancy, KeyInventory keys, BudgetOutlook budgets,
            InsightsProperties properties) {
        this.analytics = analytics;
        this.tenancy = tenancy;
        this.keys = keys;
        this.budgets = budgets;
        this.properties = properties;
    }

    public Answer recommend(String organizationId, Instant now) {
        Instant hourEnd = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        List<Recommendation> all = new ArrayList<>();
        unusedAndNearQuotaKeys(organizationId, now, hourEnd, all);
        budgets(organizationId, now, all);
        cheaperModels(organizationId, hourEnd.minus(WINDOW), hourEnd, all);
        failingDeployments(organizationId, now, all);
        all.sort(Comparator.comparing(Recommendation::estimatedMonthlySaving).reversed()
                .thenComparing(Recommendation::type).thenComparing(Recommendation::subject));
        Map<String, Boolean> sources = new LinkedHashMap<>();
        sources.put("keys", true); // kept in the answer for clients written when the ports were optional
        sources.put("budgets", true);
        sources.put("usage", true);
        return new Answer(now, sources, all);
    }

    private void unusedAndNearQuotaKeys(String org, Instant now, Instant hourEnd, List<Recommendation> out) {
        List<KeyInventory.KeyFacts> facts = keys.keys(org);
        if (facts.isEmpty()) {
            return;
        }
        Duration unusedFor = Duration.ofDays(properties.unusedKeyDays());
        Instant cutoff = now.minus(unusedFor);
        Map<String, UsageFigures> recent = analytics.totalsBy(org, RollupDimension.KEY,
                hourEnd.minus(unusedFor).truncatedTo(ChronoUnit.HOURS), hourEnd);
        ZoneId zone = tenancy.timezoneOf(org);
        Instant monthStart = now.atZone(zone).truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.firstDayOfMonth())
                .toInstant();
        Map<String, UsageFigures> thisMonth = analytics.totalsBy(org, RollupDimension.KEY,
                monthStart.truncatedTo(ChronoUnit.HOURS), hourEnd);
        for (KeyInventory.KeyFacts key : facts) {
            if (!"active".equals(key.status())) {
                continue;
            }
            boolean usedRecently = recent.containsKey(key.id())
                    || key.lastUsedAt() != null && key.lastUsedAt().isAfter(cutoff);
            if (!usedRecently && key.createdAt() != null && key.createdAt().isBefore(cutoff)) {
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("key_name", key.name());
                evidence.put("last_used_at", key.lastUsedAt());
                evidence.put("created_at", key.createdAt());
                evidence.put("days_without_use", properties.unusedKeyDays());
                out.add(new Recommendation("unused_key", "Revoke key " + key.name() + ": unused for "
                        + properties.unusedKeyDays() + " days or more", key.id(), evidence, BigDecimal.ZERO));
            }
            Long quota = key.monthlyRequestQuota();
            UsageFigures used = thisMonth.get(key.id());
            if (quota != null && quota > 0 && used != null && used.requests() * 100 >= quota * properties.nearQuotaPercent()) {
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("key_name", key.name());
                evidence.put("requests_this_month", used.requests());
                evidence.put("monthly_request_quota", quota);
                evidence.put("usage_percentage", BigDecimal.valueOf(used.requests() * 100)
                        .divide(BigDecimal.valueOf(quota), 2, RoundingMode.HALF_EVEN));
                out.add(new Recommendation("key_near_quota", "Key " + key.name() + " has used "
                        + evidence.get("usage_percentage") + "% of its monthly request quota", key.id(), evidence,
                        BigDecimal.ZERO));
            }
        }
    }

    private void budgets(String org, Instant now, List<Recommendation> out) {
        for (BudgetOutlook.BudgetForecast b : budgets.forecasts(org, now)) {
            if (b.projectedSpend() == null || b.limitAmount() == null || b.projectedSpend().compareTo(b.limitAmount()) <= 0) {
                continue;
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("scope", b.scope());
            evidence.put("scope_id", b.scopeId());
            evidence.put("limit", b.limitAmount());
            evidence.put("current_spend", b.currentSpend());
            evidence.put("projected_spend", b.projectedSpend());
            evidence.put("period_end", b.periodEnd());
            evidence.put("hard_limit", b.hardLimit());
            evidence.put("projected_exhaustion_at", exhaustion(b, now));
            out.add(new Recommendation("budget_projected_to_run_out", "The " + b.scope() + " budget is projected to spend "
                    + b.projectedSpend().toPlainString() + " of " + b.limitAmount().toPlainString() + " this period",
                    b.budgetId(), evidence, BigDecimal.ZERO));
        }
    }

    /** When the limit is reached at the period's spending pace so far; null without spend yet. */
    static Instant exhaustion(BudgetOutlook.BudgetForecast b, Instant now) {
        if (b.currentSpend() == null || b.currentSpend().signum() <= 0 || b.periodStart() == null) {
            return null;
        }
        if (b.currentSpend().compareTo(b.limitAmount()) >= 0) {
            return now;
        }
        long elapsed = Duration.between(b.periodStart(), now).toSeconds();
        long seconds = b.limitAmount().multiply(BigDecimal.valueOf(elapsed))
                .divide(b.currentSpend(), 0, RoundingMode.FLOOR).longValueExact();
        return b.periodStart().plusSeconds(seconds);
    }

    private void cheaperModels(String org, Instant from, Instant to, List<Recommendation> out) {
        for (var entry : analytics.totalsBy(org, RollupDimension.MODEL, from, to).entrySet()) {
            var downgrade = ModelFamilies.downgradeFor(entry.getKey());
            if (downgrade.isEmpty()) {
                continue;
            }
            UsageFigures f = entry.getValue();
            ModelFamilies.Prices p = downgrade.get().cheaperPrices();
            long uncached = Math.max(0, f.promptTokens() - f.cachedTokens());
            BigDecimal onCheaper = p.input().multiply(BigDecimal.valueOf(uncached))
                    .add(p.cachedInput().multiply(BigDecimal.valueOf(f.cachedTokens())))
                    .add(p.output().multiply(BigDecimal.valueOf(f.completionTokens())))
                    .divide(MILLION, 10, RoundingMode.HALF_EVEN);
            BigDecimal saving = f.cost().subtract(onCheaper);
            if (saving.signum() <= 0) {
                continue;
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("cheaper_model", downgrade.get().cheaper());
            evidence.put("days", WINDOW.toDays());
            evidence.put("requests", f.requests());
            evidence.put("prompt_tokens", f.promptTokens());
            evidence.put("cached_tokens", f.cachedTokens());
            evidence.put("completion_tokens", f.completionTokens());
            evidence.put("cost", f.cost());
            evidence.put("cost_on_cheaper_model", onCheaper);
            evidence.put("cheaper_model_prices_per_million", Map.of("input", p.input(), "cached_input", p.cachedInput(),
                    "output", p.output()));
            out.add(new Recommendation("cheaper_model", "Traffic on " + entry.getKey() + " would cost "
                    + saving.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " USD less a month on "
                    + downgrade.get().cheaper() + ", if its quality suffices", entry.getKey(), evidence, saving));
        }
    }

    private void failingDeployments(String org, Instant now, List<Recommendation> out) {
        for (DeploymentHealth d : analytics.deploymentHealth(org, now.minus(ERROR_WINDOW), now)) {
            if (d.requests() < ERROR_MIN_REQUESTS) {
                continue;
            }
            BigDecimal rate = BigDecimal.valueOf(d.errors()).divide(BigDecimal.valueOf(d.requests()), 4, RoundingMode.HALF_EVEN);
            if (rate.compareTo(ERROR_RATE) <= 0) {
                continue;
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("hours", ERROR_WINDOW.toHours());
            evidence.put("requests", d.requests());
            evidence.put("errors", d.errors());
            evidence.put("error_rate", rate);
            out.add(new Recommendation("high_error_rate_deployment", "Deployment " + d.deployment() + " failed "
                    + rate.movePointRight(2).stripTrailingZeros().toPlainString() + "% of requests in the last 24 hours",
                    d.deployment(), evidence, BigDecimal.ZERO));
        }
    }
}
