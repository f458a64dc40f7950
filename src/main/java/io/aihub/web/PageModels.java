package io.aihub.web;

import io.aihub.alerts.AlertConfigView;
import io.aihub.alerts.AlertService;
import io.aihub.alerts.AlertView;
import io.aihub.budgets.BudgetSummary;
import io.aihub.budgets.BudgetUsage;
import io.aihub.budgets.BudgetView;
import io.aihub.keys.ApiKeyView;
import io.aihub.tenancy.Team;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** What the pages hand their templates; public because the compiled templates live in their own package. */
public final class PageModels {

    private PageModels() {
    }

    /** A labelled row of a "top" table: the display name and the figures. */
    public record TopRow(String name, long requests, long tokens, BigDecimal cost) {
    }

    public record Dashboard(BudgetSummary summary, String chart, BigDecimal monthSpend, long monthRequests,
            List<TopRow> topKeys, List<TopRow> topModels, List<TopRow> topTeams, List<AlertView> alerts,
            boolean alertsVisible, List<io.aihub.insights.Recommendation> recommendations) {
    }

    /** One row of the list: what the budget covers, and the budget (null: none yet). */
    public record Row(String target, String label, BudgetView budget) {
    }

    public record Detail(String target, String label, BudgetView budget, BudgetUsage usage, AlertConfigView alerts,
            String chart, List<AlertService.TestResult> testResults) {
    }

    public record Filters(String status, String teamId, String owner) {
    }

    public record KeyList(List<ApiKeyView> keys, Filters filters, String nextCursor, List<Team> teams,
            Map<String, String> teamNames, boolean canCreate, boolean canBatch) {
    }

    public record Query(String range, String bucket, String group) {
    }
}
