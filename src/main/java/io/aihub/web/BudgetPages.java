package io.aihub.web;

import io.aihub.access.Action;
import io.aihub.access.Principal;
import io.aihub.alerts.AlertConfigView;
import io.aihub.alerts.AlertService;
import io.aihub.budgets.BudgetInput;
import io.aihub.budgets.BudgetService;
import io.aihub.budgets.BudgetTarget;
import io.aihub.budgets.BudgetUsage;
import io.aihub.budgets.BudgetView;
import io.aihub.common.ApiException;
import io.aihub.common.PageRequest;
import io.aihub.keys.ApiKeyService;
import io.aihub.keys.ApiKeyView;
import io.aihub.tenancy.Team;
import io.aihub.tenancy.TenancyService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.aihub.web.PageModels.*;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Budgets of the organization, its teams and its keys: list, create, edit, delete; alert thresholds
 * and channels; "send test alert" with each channel's result; closed periods and limit changes.
 * A budget is addressed by a target string: {@code org}, {@code team:<id>} or {@code key:<id>}.
 */
@Controller
class BudgetPages {

    private final ShellBuilder shells;
    private final BudgetService budgets;
    private final AlertService alerts;
    private final TenancyService tenancy;
    private final ApiKeyService keys;
    private final Charts charts;

    BudgetPages(ShellBuilder shells, BudgetService budgets, AlertService alerts, TenancyService tenancy, ApiKeyService keys,
            Charts charts) {
        this.shells = shells;
        this.budgets = budgets;
        this.alerts = alerts;
        this.tenancy = tenancy;
        this.keys = keys;
        this.charts = charts;
    }

    @GetMapping("/ui/orgs/{orgId}/budgets")
    String list(@PathVariable String orgId, Principal principal, HttpServletRequest request, Model model) {
        return list(orgId, principal, request, model, Map.of(), FormErrors.NONE);
    }

    private String list(String orgId, Principal principal, HttpServletRequest request, Model model, Map<String, String> values,
            FormErrors errors) {
        Shell shell = shells.build(request, principal, orgId, "budgets", "Budgets");
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("org", "Organization: " + shell.orgName(), find(principal, new BudgetTarget(orgId, null, null))));
        for (Team t : tenancy.teams(principal, orgId, PageRequest.of(PageRequest.MAX_LIMIT, null)).data()) {
            rows.add(new Row("team:" + t.id(), "Team: " + t.name(), find(principal, new BudgetTarget(orgId, t.id(), null))));
        }
        if (shell.can(Action.KEY_READ)) {
            for (ApiKeyView k : keys.list(principal, orgId, "active", null, null, PageRequest.of(100, null)).data()) {
                rows.add(new Row("key:" + k.id(), "Key: " + k.name() + " (" + k.keyPrefix() + "…)",
                        find(principal, new BudgetTarget(orgId, null, k.id()))));
            }
        }
        model.addAttribute("shell", shell);
        model.addAttribute("rows", rows);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "budgets/list";
    }

    @PostMapping("/ui/orgs/{orgId}/budgets")
    String create(@PathVariable String orgId, @RequestParam Map<String, String> form, Principal principal,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        String target = form.getOrDefault("target", "org");
        try {
            budgets.create(principal, target(orgId, target), input(form, true));
            return "redirect:/ui/orgs/" + orgId + "/budgets/view?target=" + target;
        } catch (ApiException e) {
            if (!FormInput.isFormError(e)) throw e;
            response.setStatus(422);
            return list(orgId, principal, request, model, values(form), FormErrors.of(e));
        }
    }

    @GetMapping("/ui/orgs/{orgId}/budgets/view")
    String view(@PathVariable String orgId, @RequestParam(defaultValue = "org") String target, Principal principal,
            HttpServletRequest request, Model model) {
        return view(orgId, target, principal, request, model, Map.of(), FormErrors.NONE, null);
    }

    private String view(String orgId, String target, Principal principal, HttpServletRequest request, Model model,
            Map<String, String> values, FormErrors errors, List<AlertService.TestResult> testResults) {
        Shell shell = shells.build(request, principal, orgId, "budgets", "Budget");
        BudgetTarget t = target(orgId, target);
        String label = label(principal, orgId, t); // 404 for a team or key that is not this organization's
        if (find(principal, t) == null) {
            // No budget for this team or key yet: the list, with its create form aimed at it.
            return list(orgId, principal, request, model, values.isEmpty() ? Map.of("target", target) : values, errors);
        }
        BudgetUsage usage = budgets.usage(principal, t);
        BudgetView budget = budgets.get(principal, t);
        AlertConfigView config = alerts.config(principal, t);
        model.addAttribute("shell", shell);
        model.addAttribute("b", new Detail(target, label, budget, usage, config,
                charts.budgetPeriod(budget, tenancy.timezoneOf(orgId)), testResults));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "budgets/detail";
    }

    @PostMapping("/ui/orgs/{orgId}/budgets/update")
    String update(@PathVariable String orgId, @RequestParam Map<String, String> form, Principal principal,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        String target = form.getOrDefault("target", "org");
        try {
            budgets.update(principal, target(orgId, target), input(form, false));
            return "redirect:/ui/orgs/" + orgId + "/budgets/view?target=" + target;
        } catch (ApiException e) {
            if (!FormInput.isFormError(e)) throw e;
            response.setStatus(422);
            return view(orgId, target, principal, request, model, values(form), FormErrors.of(e), null);
        }
    }

    @PostMapping("/ui/orgs/{orgId}/budgets/delete")
    String delete(@PathVariable String orgId, @RequestParam(defaultValue = "org") String target,
            @RequestParam(required = false) String confirm, Principal principal, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        if (!"yes".equals(confirm)) {
            budgets.get(principal, target(orgId, target)); // 404 before asking to confirm something that does not exist
            response.setStatus(422);
            return view(orgId, target, principal, request, model, Map.of(),
                    FormErrors.of("delete_confirm", "tick the box to confirm: the budget and its history are deleted"), null);
        }
        budgets.delete(principal, target(orgId, target));
        return "redirect:/ui/orgs/" + orgId + "/budgets";
    }

    @PostMapping("/ui/orgs/{orgId}/budgets/alerts")
    String configureAlerts(@PathVariable String orgId, @RequestParam Map<String, String> form, Principal principal,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        String target = form.getOrDefault("target", "org");
        List<String> order = new ArrayList<>();
        try {
            List<AlertService.ChannelBody> channels = new ArrayList<>();
            String webhook = FormInput.text(form.get("webhook_url"));
            if (webhook != null) {
                channels.add(new AlertService.ChannelBody("webhook", webhook, FormInput.text(form.get("webhook_secret")), null));
                order.add("webhook");
            }
            String slack = FormInput.text(form.get("slack_url"));
            if (slack != null) {
                channels.add(new AlertService.ChannelBody("slack", slack, null, null));
                order.add("slack");
            }
            List<String> to = FormInput.list(form.get("email_to"));
            if (to != null) {
                channels.add(new AlertService.ChannelBody("email", null, null, to));
                order.add("email");
            }
            alerts.configure(principal, target(orgId, target), new AlertService.ConfigBody(
                    FormInput.percentages("alert_thresholds", form.get("alert_thresholds")), channels));
            return "redirect:/ui/orgs/" + orgId + "/budgets/view?target=" + target;
        } catch (ApiException e) {
            if (!FormInput.isFormError(e)) throw e;
            response.setStatus(422);
            FormErrors errors = FormErrors.of(e);
            String field = e.error().field();
            if (field != null && field.matches("channels\\[\\d+].*")) {
                int i = Integer.parseInt(field.substring(9, field.indexOf(']')));
                if (i < order.size()) errors = FormErrors.of(order.get(i), e.error().detail());
            }
            return view(orgId, target, principal, request, model, values(form), errors, null);
        }
    }

    @PostMapping("/ui/orgs/{orgId}/budgets/alerts/test")
    String testAlert(@PathVariable String orgId, @RequestParam(defaultValue = "org") String target, Principal principal,
            HttpServletRequest request, Model model) {
        List<AlertService.TestResult> results = alerts.test(principal, target(orgId, target)).results();
        return view(orgId, target, principal, request, model, Map.of(), FormErrors.NONE, results);
    }

    private static BudgetInput input(Map<String, String> form, boolean create) {
        Boolean hard = create || form.containsKey("hard_limit_present") ? "on".equals(form.get("hard_limit")) : null;
        return new BudgetInput(FormInput.amount("limit", form.get("limit")), null, FormInput.text(form.get("period")), hard,
                FormInput.percentages("alert_thresholds", form.get("alert_thresholds")));
    }

    private static BudgetTarget target(String orgId, String target) {
        if (target == null || target.equals("org")) return new BudgetTarget(orgId, null, null);
        if (target.startsWith("team:") && target.length() > 5) return new BudgetTarget(orgId, target.substring(5), null);
        if (target.startsWith("key:") && target.length() > 4) return new BudgetTarget(orgId, null, target.substring(4));
        throw ApiException.notFound("budget");
    }

    private String label(Principal principal, String orgId, BudgetTarget t) {
        if (t.teamId() != null) return "Team: " + tenancy.team(orgId, t.teamId()).name();
        if (t.apiKeyId() != null) {
            ApiKeyView k = keys.get(principal, t.apiKeyId());
            if (!k.organizationId().equals(orgId)) throw ApiException.notFound("api key");
            return "Key: " + k.name() + " (" + k.keyPrefix() + "…)";
        }
        return "Organization: " + tenancy.organization(orgId).name();
    }

    private BudgetView find(Principal principal, BudgetTarget target) {
        try {
            return budgets.get(principal, target);
        } catch (ApiException e) {
            if (e.error().status().value() == 404) return null;
            throw e;
        }
    }

    private static Map<String, String> values(Map<String, String> form) {
        Map<String, String> v = new HashMap<>(form);
        v.remove(SessionCookie.CSRF_FIELD);
        v.remove("webhook_secret");
        return v;
    }

}
