package io.aihub.budgets;

import io.aihub.access.Principal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The budget routes, one shape on three scopes: the organization's ({@code /budgets}, CONTRACT), a team's
 * ({@code /teams/{team_id}/budget}) and an API key's ({@code /api-keys/{key_id}/budget}).
 */
@Tag(name = "budgets")
@RestController
class BudgetController {

    static final String ORG = "/api/v1/organizations/{orgId}/budgets";
    static final String TEAM = "/api/v1/organizations/{orgId}/teams/{teamId}/budget";
    static final String KEY = "/api/v1/organizations/{orgId}/api-keys/{keyId}/budget";

    private final BudgetService budgets;

    BudgetController(BudgetService budgets) {
        this.budgets = budgets;
    }

    record CheckBody(BigDecimal estimatedCost) {
    }

    @Operation(summary = "Create the budget of an organization, a team or an API key (owner/admin)")
    @PostMapping({ORG, TEAM, KEY})
    @ResponseStatus(HttpStatus.CREATED)
    BudgetView create(Principal caller, @PathVariable String orgId, @PathVariable(required = false) String teamId,
            @PathVariable(required = false) String keyId, @RequestBody BudgetInput body) {
        return budgets.create(caller, new BudgetTarget(orgId, teamId, keyId), body);
    }

    @Operation(summary = "The budget with its live stats and projections")
    @GetMapping({ORG, TEAM, KEY})
    BudgetView get(Principal caller, @PathVariable String orgId, @PathVariable(required = false) String teamId,
            @PathVariable(required = false) String keyId) {
        return budgets.get(caller, new BudgetTarget(orgId, teamId, keyId));
    }

    @Operation(summary = "Change limit, period, hard_limit or alert_thresholds; absent fields are kept; spend is kept")
    @PutMapping({ORG, TEAM, KEY})
    BudgetView update(Principal caller, @PathVariable String orgId, @PathVariable(required = false) String teamId,
            @PathVariable(required = false) String keyId, @RequestBody BudgetInput body) {
        return budgets.update(caller, new BudgetTarget(orgId, teamId, keyId), body);
    }

    @Operation(summary = "Delete the budget (its history and alerts go with it)")
    @DeleteMapping({ORG, TEAM, KEY})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Principal caller, @PathVariable String orgId, @PathVariable(required = false) String teamId,
            @PathVariable(required = false) String keyId) {
        budgets.delete(caller, new BudgetTarget(orgId, teamId, keyId));
    }

    @Operation(summary = "Usage this period (daily series) and the history of closed periods and limit changes")
    @GetMapping({ORG + "/usage", TEAM + "/usage", KEY + "/usage"})
    BudgetUsage usage(Principal caller, @PathVariable String orgId, @PathVariable(required = false) String teamId,
            @PathVariable(required = false) String keyId) {
        return budgets.usage(caller, new BudgetTarget(orgId, teamId, keyId));
    }

    @Operation(summary = "Would a request of estimated_cost be allowed now (readers may ask)")
    @PostMapping({ORG + "/check", TEAM + "/check", KEY + "/check"})
    BudgetCheck check(Principal caller, @PathVariable String orgId, @PathVariable(required = false) String teamId,
            @PathVariable(required = false) String keyId, @RequestBody CheckBody body) {
        return budgets.check(caller, new BudgetTarget(orgId, teamId, keyId), body.estimatedCost());
    }

    @Operation(summary = "Spend, projections, trend against the previous period, top keys, teams and models")
    @GetMapping({ORG + "/summary", TEAM + "/summary", KEY + "/summary"})
    BudgetSummary summary(Principal caller, @PathVariable String orgId, @PathVariable(required = false) String teamId,
            @PathVariable(required = false) String keyId) {
        return budgets.summary(caller, new BudgetTarget(orgId, teamId, keyId));
    }
}
