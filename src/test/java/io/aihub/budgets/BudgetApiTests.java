package io.aihub.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.alerts.AlertService;
import io.aihub.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Every budget route over HTTP, on the three scopes: success, bad input, wrong role, another organization. */
class BudgetApiTests extends IntegrationTest {

    @Autowired
    BudgetService budgets;
    @Autowired
    AlertService alerts;

    private String orgId;
    private String teamId;
    private String otherOrgId;
    private String otherTeamId;
    private String keyId;
    private String otherKeyId;

    @BeforeEach
    void organizations() {
        orgId = createOrganization(MASTER_KEY, "Budgets");
        teamId = api.post("/api/v1/organizations/" + orgId + "/teams", MASTER_KEY, Map.of("name", "ml")).field("id");
        otherOrgId = createOrganization(MASTER_KEY, "Other");
        otherTeamId = api.post("/api/v1/organizations/" + otherOrgId + "/teams", MASTER_KEY, Map.of("name", "x")).field("id");
        keyId = createApiKey(orgId).id();
        otherKeyId = createApiKey(otherOrgId).id();
    }

    private String base(String scope, String org) {
        String root = "/api/v1/organizations/" + org;
        return switch (scope) {
            case "organization" -> root + "/budgets";
            case "team" -> root + "/teams/" + (org.equals(orgId) ? teamId : otherTeamId) + "/budget";
            default -> root + "/api-keys/" + (org.equals(orgId) ? keyId : otherKeyId) + "/budget";
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"organization", "team", "api_key"})
    void everyRouteWorksOnEveryScope(String scope) {
        String path = base(scope, orgId);
        var created = api.post(path, MASTER_KEY, Map.of("limit", new BigDecimal("250.50"), "period", "weekly",
                "alert_thresholds", List.of(90, 25)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode budget = created.json();
        assertThat(budget.get("scope").asString()).isEqualTo(scope);
        assertThat(budget.get("limit").decimalValue()).isEqualByComparingTo("250.50");
        assertThat(budget.get("period").asString()).isEqualTo("weekly");
        assertThat(budget.get("hard_limit").asBoolean()).isTrue();
        assertThat(budget.get("alert_thresholds")).extracting(JsonNode::asInt).containsExactly(25, 90);
        assertThat(budget.get("remaining").decimalValue()).isEqualByComparingTo("250.50");
        assertThat(budget.has("monthly_limit")).isFalse();

        String scopedKey = scope.equals("api_key") ? keyId : null;
        budgets.recordUsage(new BudgetScope(orgId, scope.equals("team") ? teamId : null, scopedKey), new BigDecimal("50.10"),
                "req-" + unique());

        var got = api.get(path, MASTER_KEY);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().get("current_spend").decimalValue()).isEqualByComparingTo("50.10");
        assertThat(got.json().get("usage_percentage").decimalValue()).isEqualByComparingTo("20.00");

        var updated = api.put(path, MASTER_KEY, Map.of("monthly_limit", 500, "period", "monthly", "hard_limit", false));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("monthly_limit").decimalValue()).isEqualByComparingTo("500");
        assertThat(updated.json().get("hard_limit").asBoolean()).isFalse();
        assertThat(updated.json().get("alert_thresholds")).hasSize(2);

        var usage = api.get(path + "/usage", MASTER_KEY);
        assertThat(usage.status()).isEqualTo(200);
        assertThat(usage.json().get("limit_changes")).hasSize(2);
        assertThat(usage.json().get("history")).hasSize(1); // the weekly period closed when it became monthly

        var check = api.post(path + "/check", MASTER_KEY, Map.of("estimated_cost", 1000));
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().get("allowed").asBoolean()).as("a soft budget allows, with a reason").isTrue();
        assertThat(check.json().get("reason").asString()).contains("soft");

        var summary = api.get(path + "/summary", MASTER_KEY);
        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.json().get("budget").get("id").asString()).isEqualTo(budget.get("id").asString());
        assertThat(summary.json().has("top_models")).isTrue();
        assertThat(summary.json().get("trend").has("previous_period_spend")).isTrue();

        var configured = api.post(path + "/alerts", MASTER_KEY, Map.of("alert_thresholds", List.of(10),
                "channels", List.of(Map.of("type", "webhook", "url", "http://127.0.0.1:9/x", "secret", "very-secret"))));
        assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
        assertThat(configured.json().get("channels").get(0).get("has_secret").asBoolean()).isTrue();
        var config = api.get(path + "/alerts", MASTER_KEY);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).doesNotContain("very-secret");
        assertThat(config.json().get("alert_thresholds")).extracting(JsonNode::asInt).containsExactly(10);

        var test = api.post(path + "/alerts/test", MASTER_KEY, null);
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.json().get("results").get(0).get("ok").asBoolean()).isFalse(); // nothing listens on port 9

        assertThat(api.delete(path, MASTER_KEY).status()).isEqualTo(204);
        assertThat(api.get(path, MASTER_KEY).status()).isEqualTo(404);
    }

    @Test
    void theOrganizationBudgetAcceptsMonthlyLimitAndDefaults() {
        var created = api.post(base("organization", orgId), MASTER_KEY, Map.of("monthly_limit", 100));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("period").asString()).isEqualTo("monthly");
        assertThat(created.json().get("monthly_limit").decimalValue()).isEqualByComparingTo("100");
        assertThat(created.json().get("alert_thresholds")).extracting(JsonNode::asInt).containsExactly(50, 80, 100);
        assertThat(api.post(base("organization", orgId), MASTER_KEY, Map.of("limit", 5)).status()).isEqualTo(409);

        var check = api.post(base("organization", orgId) + "/check", MASTER_KEY, Map.of("estimated_cost", 150));
        assertThat(check.json().get("allowed").asBoolean()).isFalse();
        assertThat(check.json().get("reason").asString()).startsWith("budget_exceeded");
        assertThat(check.json().get("remaining").decimalValue()).isEqualByComparingTo("100");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"organization", "team", "api_key"})
    void badInputIsRefusedWithTheFieldAndChangesNothing(String scope) {
        String path = base(scope, orgId);
        assertProblem(api.post(path, MASTER_KEY, Map.of("limit", -1)), 422, "limit");
        assertProblem(api.post(path, MASTER_KEY, Map.of("limit", 0)), 422, "limit");
        assertProblem(api.post(path, MASTER_KEY, Map.of("period", "monthly")), 422, "limit");
        assertProblem(api.post(path, MASTER_KEY, Map.of("limit", 5, "period", "yearly")), 422, "period");
        assertProblem(api.post(path, MASTER_KEY, Map.of("monthly_limit", 5, "period", "daily")), 422, "monthly_limit");
        assertProblem(api.post(path, MASTER_KEY, Map.of("limit", 5, "alert_thresholds", List.of(0))), 422, "alert_thresholds");
        assertProblem(api.post(path, MASTER_KEY, Map.of("limit", new BigDecimal("0.00000000001"))), 422, "limit");
        assertProblem(api.post(path, MASTER_KEY, Map.of("limit", 5, "colour", "red")), 400, "colour");
        assertProblem(api.post(path, MASTER_KEY, "{\"limit\": \"lots\"}"), 400, "limit");
        assertProblem(api.post(path, MASTER_KEY, "{not json"), 400, null);
        assertThat(api.get(path, MASTER_KEY).status()).as("nothing was created").isEqualTo(404);

        assertThat(api.post(path, MASTER_KEY, Map.of("limit", 10)).status()).isEqualTo(201);
        assertProblem(api.put(path, MASTER_KEY, Map.of("limit", -5)), 422, "limit");
        assertProblem(api.put(path, MASTER_KEY, Map.of("period", "hourly")), 422, "period");
        assertProblem(api.post(path + "/check", MASTER_KEY, Map.of()), 422, "estimated_cost");
        assertProblem(api.post(path + "/check", MASTER_KEY, Map.of("estimated_cost", -1)), 422, "estimated_cost");
        assertProblem(api.post(path + "/alerts", MASTER_KEY, Map.of("channels", List.of(Map.of("type", "pager")))),
                422, "channels[0].type");
        assertProblem(api.post(path + "/alerts", MASTER_KEY, Map.of("channels",
                List.of(Map.of("type", "webhook", "url", "ftp://example.com/x")))), 422, "channels[0].url");
        assertProblem(api.post(path + "/alerts", MASTER_KEY, Map.of("channels",
                List.of(Map.of("type", "email", "to", List.of("not-an-address"))))), 422, "channels[0].to");
        assertProblem(api.post(path + "/alerts", MASTER_KEY, Map.of("alert_thresholds", List.of(5000))), 422,
                "alert_thresholds");
        var unchanged = api.get(path, MASTER_KEY).json();
        assertThat(unchanged.get("limit").decimalValue()).isEqualByComparingTo("10");
        assertThat(unchanged.get("alert_thresholds")).hasSize(3);
        assertThat(api.get(path + "/alerts", MASTER_KEY).json().get("channels")).isEmpty();
    }

    private static void assertProblem(io.aihub.support.Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        if (field != null) {
            assertThat(response.field("field")).as(response.toString()).isEqualTo(field);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
            // role,  scope,        manage, manage delete
            "owner,   organization, 201,    204",
            "admin,   team,         201,    204",
            "member,  api_key,      403,    403",
            "viewer,  organization, 403,    403",
            "member,  team,         403,    403",
            "viewer,  api_key,      403,    403",
    })
    void ownersAndAdminsManageWhileMembersAndViewersRead(String role, String scope, int create, int delete) {
        String token = userWithRole(orgId, role).token();
        String path = base(scope, orgId);
        int manage = create == 201 ? 200 : 403;
        assertThat(api.post(path, token, Map.of("limit", 10)).status()).as("create").isEqualTo(create);
        if (create != 201) {
            assertThat(api.post(path, MASTER_KEY, Map.of("limit", 10)).status()).isEqualTo(201);
        }
        assertThat(api.get(path, token).status()).as("get").isEqualTo(200);
        assertThat(api.put(path, token, Map.of("limit", 20)).status()).as("update").isEqualTo(manage);
        assertThat(api.get(path + "/usage", token).status()).as("usage").isEqualTo(200);
        assertThat(api.get(path + "/summary", token).status()).as("summary").isEqualTo(200);
        assertThat(api.post(path + "/check", token, Map.of("estimated_cost", 1)).status()).as("check").isEqualTo(200);
        assertThat(api.get(path + "/alerts", token).status()).as("alert config").isEqualTo(200);
        assertThat(api.post(path + "/alerts", token, Map.of("alert_thresholds", List.of(70))).status()).as("configure")
                .isEqualTo(manage);
        assertThat(api.get(path + "/alerts/test", token).status()).as("test alert").isEqualTo(manage);
        assertThat(api.post(path + "/alerts/test", token, null).status()).as("test alert (POST)").isEqualTo(manage);
        assertThat(api.get("/api/v1/budgets/alerts", token).status()).as("list alerts").isEqualTo(200);
        assertThat(api.delete(path, token).status()).as("delete").isEqualTo(delete);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"owner, organization", "admin, team", "member, api_key", "viewer, team", "owner, api_key"})
    void anotherOrganizationsBudgetsAnswer404(String role, String scope) {
        String token = userWithRole(orgId, role).token();
        String theirs = base(scope, otherOrgId);
        assertThat(api.post(theirs, MASTER_KEY, Map.of("limit", 10)).status()).isEqualTo(201);

        assertThat(api.post(theirs, token, Map.of("limit", 10)).status()).isEqualTo(404);
        assertThat(api.get(theirs, token).status()).isEqualTo(404);
        assertThat(api.put(theirs, token, Map.of("limit", 1)).status()).isEqualTo(404);
        assertThat(api.get(theirs + "/usage", token).status()).isEqualTo(404);
        assertThat(api.get(theirs + "/summary", token).status()).isEqualTo(404);
        assertThat(api.post(theirs + "/check", token, Map.of("estimated_cost", 1)).status()).isEqualTo(404);
        assertThat(api.get(theirs + "/alerts", token).status()).isEqualTo(404);
        assertThat(api.post(theirs + "/alerts", token, Map.of("alert_thresholds", List.of(1))).status()).isEqualTo(404);
        assertThat(api.get(theirs + "/alerts/test", token).status()).isEqualTo(404);
        assertThat(api.post(theirs + "/alerts/test", token, null).status()).isEqualTo(404);
        assertThat(api.delete(theirs, token).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/budgets/alerts?organization_id=" + otherOrgId, token).status()).isEqualTo(404);
        assertThat(api.get(theirs, MASTER_KEY).json().get("limit").decimalValue()).as("unchanged")
                .isEqualByComparingTo("10");
    }

    @Test
    void anotherOrganizationsTeamThroughOurOwnPathIs404() {
        String token = userWithRole(orgId, "owner").token();
        String path = "/api/v1/organizations/" + orgId + "/teams/" + otherTeamId + "/budget";
        assertThat(api.post(path, token, Map.of("limit", 10)).status()).isEqualTo(404);
        assertThat(api.get(path, token).status()).isEqualTo(404);
        assertThat(api.post(path + "/check", token, Map.of("estimated_cost", 1)).status()).isEqualTo(404);
        assertThat(api.get(path + "/alerts", token).status()).isEqualTo(404);
    }

    @Test
    void theAlertListShowsFiredAlertsOfTheCallersOrganizationsOnly() {
        String ours = base("organization", orgId);
        String theirs = base("organization", otherOrgId);
        api.post(ours, MASTER_KEY, Map.of("limit", 10));
        api.post(theirs, MASTER_KEY, Map.of("limit", 10));
        budgets.recordUsage(BudgetScope.organization(orgId), new BigDecimal("6"), "a-" + unique());
        budgets.recordUsage(BudgetScope.organization(otherOrgId), new BigDecimal("6"), "b-" + unique());
        alerts.evaluatePending();

        String viewer = userWithRole(orgId, "viewer").token();
        var listed = api.get("/api/v1/budgets/alerts", viewer);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("data")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.get("organization_id").asString()).isEqualTo(orgId));
        JsonNode alert = listed.json().get("data").get(0);
        assertThat(alert.get("delivery_status").asString()).isEqualTo("no_channels");
        assertThat(alert.get("budget_id").asString()).isNotBlank();
        assertThat(api.get(ours + "/alerts", viewer).json().get("alerts")).isNotEmpty();

        var master = api.get("/api/v1/budgets/alerts?organization_id=" + otherOrgId, MASTER_KEY);
        assertThat(master.json().get("data")).isNotEmpty();
        assertThat(api.get("/api/v1/budgets/alerts?limit=0", viewer).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/budgets/alerts?cursor=%25%25", viewer).status()).isEqualTo(400);
    }

    @Test
    void theTeamAndKeyRoutesAreDocumentedInOpenApi() {
        var docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").propertyNames()).contains(
                "/api/v1/organizations/{orgId}/budgets",
                "/api/v1/organizations/{orgId}/teams/{teamId}/budget",
                "/api/v1/organizations/{orgId}/api-keys/{keyId}/budget/alerts/test",
                "/api/v1/budgets/alerts");
    }
}
