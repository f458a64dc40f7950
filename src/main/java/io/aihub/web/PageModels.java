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
import java.util.Set;

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

    /** The keys page's filters and the page it shows ({@code cursor}, null: the first). */
    public record Filters(String status, String teamId, String owner, String cursor) {
    }

    /**
     * The keys page. {@code selected}, {@code batchValues} and {@code batchErrors} bring a refused batch
     * back as it was sent: the same keys ticked, the same settings, each error by its input.
     */
    public record KeyList(List<ApiKeyView> keys, Filters filters, String nextCursor, List<Team> teams,
            Map<String, String> teamNames, boolean canCreate, boolean canBatch, Set<String> selected,
            Map<String, String> batchValues, FormErrors batchErrors) {
    }

    /** A numeric key setting: its API (and input) name and its label, shared by the key forms. */
    public record Setting(String field, String label) {
    }

    public static final List<Setting> KEY_LIMITS = List.of(
            new Setting("monthly_request_quota", "Monthly request quota"),
            new Setting("monthly_token_quota", "Monthly token quota"),
            new Setting("rate_limit_per_minute", "Requests per minute"),
            new Setting("tokens_per_minute", "Tokens per minute"),
            new Setting("max_parallel_requests", "Max parallel requests"));

    /** The fields a key error may name that the key forms show by their input; any other shows at the top. */
    public static final List<String> KEY_ERROR_FIELDS = List.of("name", "team_id", "permissions", "permissions.models",
            "permissions.endpoints", "monthly_request_quota", "monthly_token_quota", "rate_limit_per_minute",
            "tokens_per_minute", "max_parallel_requests", "expires_at", "metadata");

    /** The same on the keys page, whose batch form also shows the selection's and the revoke confirmation's errors. */
    public static final List<String> BATCH_ERROR_FIELDS = java.util.stream.Stream.concat(KEY_ERROR_FIELDS.stream(),
            java.util.stream.Stream.of("key_ids", "confirm")).toList();

    public record Query(String range, String bucket, String group) {
    }
}
