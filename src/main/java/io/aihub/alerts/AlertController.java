package io.aihub.alerts;

import io.aihub.access.Principal;
import io.aihub.budgets.BudgetTarget;
import io.aihub.common.Page;
import io.aihub.common.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Alert configuration, test sends and lists, on the same three budget scopes as the budget routes. */
@Tag(name = "budget alerts")
@RestController
class AlertController {

    private static final String ORG = "/api/v1/organizations/{orgId}/budgets/alerts";
    private static final String TEAM = "/api/v1/organizations/{orgId}/teams/{teamId}/budget/alerts";
    private static final String KEY = "/api/v1/organizations/{orgId}/api-keys/{keyId}/budget/alerts";

    private final AlertService alerts;

    AlertController(AlertService alerts) {
        this.alerts = alerts;
    }

    @Operation(summary = "Configure alert thresholds and channels (webhook, slack, email); channels replace the old ones")
    @PostMapping({ORG, TEAM, KEY})
    AlertConfigView configure(Principal caller, @PathVariable String orgId, @PathVariable(required = false) String teamId,
            @PathVariable(required = false) String keyId, @RequestBody AlertService.ConfigBody body) {
        return alerts.configure(caller, new BudgetTarget(orgId, teamId, keyId), body);
    }

    @Operation(summary = "The alert configuration (secrets never shown) and the budget's latest alerts")
    @GetMapping({ORG, TEAM, KEY})
    AlertConfigView config(Principal caller, @PathVariable String orgId, @PathVariable(required = false) String teamId,
            @PathVariable(required = false) String keyId) {
        return alerts.config(caller, new BudgetTarget(orgId, teamId, keyId));
    }

    @Operation(summary = "Send a real test message through every configured channel and report each result")
    @RequestMapping(path = {ORG + "/test", TEAM + "/test", KEY + "/test"}, method = {RequestMethod.GET, RequestMethod.POST})
    AlertService.TestResults test(Principal caller, @PathVariable String orgId,
            @PathVariable(required = false) String teamId, @PathVariable(required = false) String keyId) {
        return alerts.test(caller, new BudgetTarget(orgId, teamId, keyId));
    }

    @Operation(summary = "Alerts of every organization the caller sees, oldest first (cursor pagination)")
    @GetMapping("/api/v1/budgets/alerts")
    Page<AlertView> list(Principal caller, @RequestParam(name = "organization_id", required = false) String organizationId,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return alerts.list(caller, organizationId, PageRequest.of(limit, cursor));
    }
}
