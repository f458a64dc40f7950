package io.aihub.web;

import io.aihub.access.Action;
import io.aihub.access.Principal;
import io.aihub.common.ApiException;
import io.aihub.common.Page;
import io.aihub.common.PageRequest;
import io.aihub.keys.ApiKeyService;
import io.aihub.keys.ApiKeyView;
import io.aihub.keys.KeyInput;
import io.aihub.keys.KeyPermissions;
import io.aihub.keys.KeyReports;
import io.aihub.tenancy.Team;
import io.aihub.tenancy.TenancyService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 * API keys: list with filters and pagination, create (the secret is shown once, after a redirect, and
 * never again), details with usage, revoke and regenerate with confirmation, and batch revoke.
 */
@Controller
class KeyPages {

    private static final int PAGE_SIZE = 25;

    private final ShellBuilder shells;
    private final ApiKeyService keys;
    private final TenancyService tenancy;
    private final SecretFlash flash;
    private final Charts charts;

    KeyPages(ShellBuilder shells, ApiKeyService keys, TenancyService tenancy, SecretFlash flash, Charts charts) {
        this.shells = shells;
        this.keys = keys;
        this.tenancy = tenancy;
        this.flash = flash;
        this.charts = charts;
    }

    @GetMapping("/ui/orgs/{orgId}/keys")
    String list(@PathVariable String orgId, @RequestParam(required = false) String status,
            @RequestParam(required = false) String team, @RequestParam(required = false) String owner,
            @RequestParam(required = false) String cursor, Principal principal, HttpServletRequest request, Model model) {
        Shell shell = shells.build(request, principal, orgId, "keys", "API keys");
        Filters filters = new Filters(FormInput.text(status), FormInput.text(team), FormInput.text(owner));
        Page<ApiKeyView> page = keys.list(principal, orgId, filters.status(), filters.teamId(), filters.owner(),
                PageRequest.of(PAGE_SIZE, FormInput.text(cursor)));
        List<Team> teams = teams(principal, orgId);
        model.addAttribute("shell", shell);
        model.addAttribute("k", new KeyList(page.data(), filters, page.nextCursor(), teams, teamNames(teams),
                shell.can(Action.KEY_CREATE), shell.can(Action.KEY_MANAGE_OWN)));
        return "keys/list";
    }

    @GetMapping("/ui/orgs/{orgId}/keys/new")
    String newKey(@PathVariable String orgId, Principal principal, HttpServletRequest request, Model model) {
        return form(orgId, principal, request, model, Map.of(), FormErrors.NONE);
    }

    private String form(String orgId, Principal principal, HttpServletRequest request, Model model,
            Map<String, String> values, FormErrors errors) {
        Shell shell = shells.build(request, principal, orgId, "keys", "New API key");
        if (!shell.can(Action.KEY_CREATE)) {
            throw ApiException.forbidden("your role (" + shell.role() + ") may not create keys");
        }
        model.addAttribute("shell", shell);
        model.addAttribute("teams", teams(principal, orgId));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "keys/new";
    }

    @PostMapping("/ui/orgs/{orgId}/keys")
    String create(@PathVariable String orgId, @RequestParam Map<String, String> form, Principal principal,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            List<String> models = FormInput.list(form.get("models"));
            List<String> endpoints = FormInput.list(form.get("endpoints"));
            KeyInput input = new KeyInput(FormInput.text(form.get("name")), FormInput.text(form.get("team_id")),
                    models == null && endpoints == null ? null : new KeyPermissions(models, endpoints),
                    FormInput.wholeNumber("monthly_request_quota", form.get("monthly_request_quota")),
                    FormInput.wholeNumber("monthly_token_quota", form.get("monthly_token_quota")),
                    FormInput.smallNumber("rate_limit_per_minute", form.get("rate_limit_per_minute")),
                    FormInput.smallNumber("tokens_per_minute", form.get("tokens_per_minute")),
                    FormInput.smallNumber("max_parallel_requests", form.get("max_parallel_requests")),
                    FormInput.instant("expires_at", form.get("expires_at")), null);
            ApiKeyView created = keys.create(principal, orgId, input, null).key();
            flash.put(ShellBuilder.sessionToken(request), created.id(), created.apiKey());
            return "redirect:/ui/orgs/" + orgId + "/keys/" + created.id() + "/secret";
        } catch (ApiException e) {
            if (!FormInput.isFormError(e)) throw e;
            response.setStatus(422);
            Map<String, String> values = new java.util.HashMap<>(form);
            values.remove(SessionCookie.CSRF_FIELD);
            return form(orgId, principal, request, model, values, FormErrors.of(e));
        }
    }

    /** Shows a new secret exactly once: the flash is consumed by this request. */
    @GetMapping("/ui/orgs/{orgId}/keys/{keyId}/secret")
    String secret(@PathVariable String orgId, @PathVariable String keyId, Principal principal, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Shell shell = shells.build(request, principal, orgId, "keys", "Your new API key");
        ApiKeyView key = inOrg(keys.get(principal, keyId), orgId);
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("shell", shell);
        model.addAttribute("key", key);
        model.addAttribute("secret", flash.take(ShellBuilder.sessionToken(request), keyId).orElse(null));
        return "keys/secret";
    }

    @GetMapping("/ui/orgs/{orgId}/keys/{keyId}")
    String detail(@PathVariable String orgId, @PathVariable String keyId, Principal principal, HttpServletRequest request,
            Model model) {
        return detail(orgId, keyId, principal, request, model, FormErrors.NONE);
    }

    private String detail(String orgId, String keyId, Principal principal, HttpServletRequest request, Model model,
            FormErrors errors) {
        Shell shell = shells.build(request, principal, orgId, "keys", "API key");
        ApiKeyView key = inOrg(keys.get(principal, keyId), orgId);
        KeyReports.KeyUsage usage = shell.can(Action.USAGE_READ) ? keys.usage(principal, keyId, null, null, "day") : null;
        boolean canManage = shell.can(Action.KEY_MANAGE_ANY)
                || (shell.can(Action.KEY_MANAGE_OWN) && principal.id().equals(key.createdBy()));
        model.addAttribute("shell", shell);
        model.addAttribute("key", key);
        model.addAttribute("usage", usage);
        model.addAttribute("chart", usage == null ? null : charts.keyUsage(usage));
        model.addAttribute("canManage", canManage);
        model.addAttribute("errors", errors);
        return "keys/detail";
    }

    @PostMapping("/ui/orgs/{orgId}/keys/{keyId}/revoke")
    String revoke(@PathVariable String orgId, @PathVariable String keyId, @RequestParam(required = false) String confirm,
            Principal principal, HttpServletRequest request, HttpServletResponse response, Model model) {
        inOrg(keys.get(principal, keyId), orgId);
        if (!"yes".equals(confirm)) {
            response.setStatus(422);
            return detail(orgId, keyId, principal, request, model,
                    FormErrors.of("revoke_confirm", "tick the box to confirm: revoking stops this key at once"));
        }
        keys.revoke(principal, keyId);
        return "redirect:/ui/orgs/" + orgId + "/keys/" + keyId;
    }

    @PostMapping("/ui/orgs/{orgId}/keys/{keyId}/regenerate")
    String regenerate(@PathVariable String orgId, @PathVariable String keyId, @RequestParam(required = false) String confirm,
            @RequestParam(name = "grace_period_seconds", required = false) String grace, Principal principal,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        inOrg(keys.get(principal, keyId), orgId);
        try {
            if (!"yes".equals(confirm)) {
                throw ApiException.invalid("regenerate_confirm", "tick the box to confirm: the current secret stops working");
            }
            ApiKeyView key = keys.regenerate(principal, keyId, FormInput.smallNumber("grace_period_seconds", grace), null).key();
            flash.put(ShellBuilder.sessionToken(request), key.id(), key.apiKey());
            return "redirect:/ui/orgs/" + orgId + "/keys/" + keyId + "/secret";
        } catch (ApiException e) {
            if (!FormInput.isFormError(e)) throw e;
            response.setStatus(422);
            return detail(orgId, keyId, principal, request, model, FormErrors.of(e));
        }
    }

    @PostMapping("/ui/orgs/{orgId}/keys/batch")
    String batch(@PathVariable String orgId, @RequestParam(name = "key_ids", required = false) List<String> keyIds,
            @RequestParam(required = false) String confirm, Principal principal, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Shell shell = shells.build(request, principal, orgId, "keys", "Batch revoke");
        KeyReports.BatchResult result = null;
        FormErrors errors = FormErrors.NONE;
        try {
            if (!"yes".equals(confirm)) {
                throw ApiException.invalid("confirm", "tick the box to confirm revoking the selected keys");
            }
            result = keys.batch(principal, orgId, new ApiKeyService.BatchRequest("revoke", keyIds, false, null, null));
        } catch (ApiException e) {
            if (!FormInput.isFormError(e)) throw e;
            response.setStatus(422);
            errors = FormErrors.of(e);
        }
        model.addAttribute("shell", shell);
        model.addAttribute("result", result);
        model.addAttribute("errors", errors);
        return "keys/batch";
    }

    private List<Team> teams(Principal principal, String orgId) {
        return tenancy.teams(principal, orgId, PageRequest.of(PageRequest.MAX_LIMIT, null)).data();
    }

    private static Map<String, String> teamNames(List<Team> teams) {
        Map<String, String> names = new java.util.HashMap<>();
        teams.forEach(t -> names.put(t.id(), t.name()));
        return names;
    }

    /** A key of another organization, reached through this organization's URL, is not found here. */
    private static ApiKeyView inOrg(ApiKeyView key, String orgId) {
        if (!key.organizationId().equals(orgId)) {
            throw ApiException.notFound("api key");
        }
        return key;
    }
}
