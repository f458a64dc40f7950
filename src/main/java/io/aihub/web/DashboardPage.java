package io.aihub.web;

import io.aihub.access.AccessControl;
import io.aihub.access.Action;
import io.aihub.access.Principal;
import io.aihub.alerts.AlertService;
import io.aihub.alerts.AlertView;
import io.aihub.budgets.BudgetService;
import io.aihub.budgets.BudgetSummary;
import io.aihub.budgets.BudgetTarget;
import io.aihub.common.ApiException;
import io.aihub.common.PageRequest;
import io.aihub.insights.Recommendation;
import io.aihub.insights.Recommendations;
import io.aihub.keys.ApiKeyService;
import io.aihub.tenancy.TenancyService;
import io.aihub.usage.Bucket;
import io.aihub.usage.Spender;
import io.aihub.usage.UsageFilter;
import io.aihub.usage.UsageService;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import io.aihub.web.PageModels.*;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The landing page of an organization: spend this period against the organization budget (gauge),
 * the period's daily cumulative spend with the projection, top keys, models and teams, recent alerts.
 * Without an organization budget it shows this month's usage instead.
 */
@Controller
class DashboardPage {

    private final ShellBuilder shells;
    private final BudgetService budgets;
    private final ApiKeyService keys;
    private final UsageService usage;
    private final AlertService alerts;
    private final TenancyService tenancy;
    private final AccessControl access;
    private final Charts charts;
    private final Recommendations recommendations;
    private final Clock clock;

    DashboardPage(ShellBuilder shells, BudgetService budgets, ApiKeyService keys, UsageService usage, AlertService alerts,
            TenancyService tenancy, AccessControl access, Charts charts, Recommendations recommendations, Clock clock) {
        this.recommendations = recommendations;
        this.shells = shells;
        this.budgets = budgets;
        this.keys = keys;
        this.usage = usage;
        this.alerts = alerts;
        this.tenancy = tenancy;
        this.access = access;
        this.charts = charts;
        this.clock = clock;
    }

    @GetMapping("/ui/orgs/{orgId}")
    String dashboard(@PathVariable String orgId, Principal principal, HttpServletRequest request, Model model) {
        Shell shell = shells.build(request, principal, orgId, "dashboard", "Dashboard");
        ZoneId zone = tenancy.timezoneOf(orgId);
        Instant now = clock.instant();
        BudgetSummary summary = orgBudgetSummary(principal, orgId);
        Instant from = summary != null ? summary.budget().periodStart()
                : now.atZone(zone).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
        Instant to = now.plusSeconds(1);
        String chart;
        if (summary != null) {
            chart = charts.budgetPeriod(summary.budget(), zone);
        } else {
            access.require(principal, orgId, Action.USAGE_READ);
            ZonedDateTime start = now.atZone(zone).truncatedTo(ChronoUnit.DAYS).minusDays(29);
            chart = charts.usage(usage.history(UsageFilter.organization(orgId), start.toInstant(), to, Bucket.DAY, zone));
        }
        access.require(principal, orgId, Action.USAGE_READ);
        UsageFilter all = UsageFilter.organization(orgId);
        var totals = usage.totals(all, from, to);
        List<TopRow> topKeys = keys.summary(principal, orgId).topKeys().stream()
                .map(k -> new TopRow(k.name() == null ? k.keyId() : k.name(), k.requests(), k.tokens(), k.cost()))
                .toList();
        List<TopRow> topModels = usage.top(all, UsageService.Dimension.MODEL, from, to, 5).stream().map(s -> row(s, s.id())).toList();
        List<TopRow> topTeams = usage.top(all, UsageService.Dimension.TEAM, from, to, 5).stream()
                .filter(s -> s.id() != null)
                .map(s -> row(s, tenancy.findTeam(orgId, s.id()).map(t -> t.name()).orElse(s.id()))).toList();
        boolean alertsVisible = shell.can(Action.ALERT_READ);
        List<AlertView> recent = alertsVisible ? alerts.list(principal, orgId, PageRequest.of(5, null)).data() : List.of();
        model.addAttribute("shell", shell);
        // The same check as GET .../insights/recommendations (USAGE_READ, asserted above); the five largest savings first.
        List<Recommendation> advice = recommendations.recommend(orgId, now).data().stream().limit(5).toList();
        model.addAttribute("d", new Dashboard(summary, chart, totals.cost(), totals.requests(), topKeys, topModels, topTeams,
                recent, alertsVisible, advice));
        return "dashboard";
    }

    private BudgetSummary orgBudgetSummary(Principal principal, String orgId) {
        try {
            return budgets.summary(principal, new BudgetTarget(orgId, null, null));
        } catch (ApiException e) {
            if (e.error().status().value() == 404 || e.error().status().value() == 403) {
                return null; // no organization budget yet (the organization itself was resolved above)
            }
            throw e;
        }
    }

    private static TopRow row(Spender s, String name) {
        return new TopRow(name, s.requests(), s.tokens(), s.cost());
    }
}
