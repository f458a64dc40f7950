package io.aihub.web;

import io.aihub.access.Action;
import io.aihub.access.Principal;
import io.aihub.common.ApiException;
import io.aihub.common.Page;
import io.aihub.common.PageRequest;
import io.aihub.keys.ApiKeyService;
import io.aihub.keys.ApiKeyView;
import io.aihub.keys.KeyInput;
import io.aihub.keys.KeyReports;
import io.aihub.tenancy.Team;
import io.aihub.tenancy.TenancyService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.aihub.web.PageModels.*;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * API keys: list with filters and pagination, create (the secret is shown once, after a redirect, and
 * never again), details with usage, edit of the settings, revoke and regenerate with confirmation, and
 * batch revoke or update of a selection.
 */
@Controller
class KeyPages {

    private static final int PAGE_SIZE = 25;

    private final ShellBuilder shells;
    private final ApiKeyService keys;
    private final TenancyService tenancy;
    private final SecretFlash flash;
    private final Charts charts;
    private final JsonMapper json;

    KeyPages(ShellBuilder shells, ApiKeyService keys, TenancyService tenancy, SecretFlash flash, Charts charts,
            JsonMapper json) {
        this.shells = shells;
        this.keys = keys;
        this.tenancy = tenancy;
        this.flash = flash;
        this.charts = charts;
        this.json = json;
    }

    @GetMapping("/ui/orgs/{orgId}/keys")
    String list(@PathVariable String orgId, @RequestParam(required = false) String status,
            @RequestParam(required = false) String team, @RequestParam(required = false) String owner,
            @RequestParam(required = false) String cursor, Principal principal, HttpServletRequest request, Model model) {
        Filters filters = new Filters(FormInput.text(status), FormInput.text(team), FormInput.text(owner),
                FormInput.text(cursor));
        return list(orgId, filters, principal, request, model, Set.of(), Map.of(), FormErrors.NONE);
    }

    private String list(String orgId, Filters filters, Principal principal, HttpServletRequest request, Model model,
            Set<String> selected, Map<String, String> batchValues, FormErrors batchErrors) {
        Shell shell = shells.build(request, principal, orgId, "keys", "API keys");
        Page<ApiKeyView> page = keys.list(principal, orgId, filters.status(), filters.teamId(), filters.owner(),
                PageRequest.of(PAGE_SIZE, filters.cursor()));
        List<Team> teams = teams(principal, orgId);
        model.addAttribute("shell", shell);
        model.addAttribute("k", new KeyList(page.data(), filters, page.nextCursor(), teams, teamNames(teams),
                shell.can(Action.KEY_CREATE), shell.can(Action.KEY_MANAGE_OWN), selected, batchValues, batchErrors));
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
        return settingsForm(shell, principal, model, values, errors, "keys/new");
    }

    /** The create and edit forms share their inputs (tag/keySettings.jte) and what those need. */
    private String settingsForm(Shell shell, Principal principal, Model model, Map<String, String> values,
            FormErrors errors, String view) {
        model.addAttribute("shell", shell);
        model.addAttribute("teams", teams(principal, shell.orgId()));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return view;
    }

    @PostMapping("/ui/orgs/{orgId}/keys")
    String create(@PathVariable String orgId, @RequestParam Map<String, String> form, Principal principal,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            KeyInput input = KeySettingsForm.input(form, json);
            ApiKeyView created = keys.create(principal, orgId, input, null).key();
            flash.put(ShellBuilder.sessionToken(request), created.id(), created.apiKey());
            return "redirect:/ui/orgs/" + orgId + "/keys/" + created.id() + "/secret";
        } catch (ApiException e) {
            if (!FormInput.isFormError(e)) throw e;
            response.setStatus(422);
            return form(orgId, principal, request, model, values(form), FormErrors.of(e));
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
        model.addAttribute("shell", shell);
        model.addAttribute("key", key);
        model.addAttribute("usage", usage);
        model.addAttribute("chart", usage == null ? null : charts.keyUsage(usage));
        model.addAttribute("canManage", canManage(shell, principal, key));
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

    @GetMapping("/ui/orgs/{orgId}/keys/{keyId}/edit")
    String edit(@PathVariable String orgId, @PathVariable String keyId, Principal principal, HttpServletRequest request,
            Model model) {
        ApiKeyView key = inOrg(keys.get(principal, keyId), orgId);
        return edit(orgId, key, principal, request, model, KeySettingsForm.valuesOf(key), FormErrors.NONE);
    }

    private String edit(String orgId, ApiKeyView key, Principal principal, HttpServletRequest request, Model model,
            Map<String, String> values, FormErrors errors) {
        Shell shell = shells.build(request, principal, orgId, "keys", "Edit key: " + key.name());
        if (!canManage(shell, principal, key)) {
            throw ApiException.forbidden(shell.can(Action.KEY_MANAGE_OWN) ? "members may manage only the keys they created"
                    : "your role (" + shell.role() + ") may not change keys");
        }
        model.addAttribute("key", key);
        return settingsForm(shell, principal, model, values, errors, "keys/edit");
    }

    /**
     * Saves the settings the form changed, through the same service call as {@code PUT /api/v1/api-keys/{id}},
     * so the API's rules and errors apply as they are; an error shows next to its field and changes nothing.
     */
    @PostMapping("/ui/orgs/{orgId}/keys/{keyId}/edit")
    String update(@PathVariable String orgId, @PathVariable String keyId, @RequestParam Map<String, String> form,
            Principal principal, HttpServletRequest request, HttpServletResponse response, Model model) {
        ApiKeyView key = inOrg(keys.get(principal, keyId), orgId); // before the update: it would reach any org the user is in
        try {
            List<String> changed = KeySettingsForm.changed(form, KeySettingsForm.valuesOf(key), json);
            keys.update(principal, keyId, KeySettingsForm.changes(form, changed, json));
            return "redirect:/ui/orgs/" + orgId + "/keys/" + keyId;
        } catch (ApiException e) {
            if (!FormInput.isFormError(e)) throw e;
            response.setStatus(422);
            return edit(orgId, key, principal, request, model, values(form), FormErrors.of(e));
        }
    }

    /**
     * Batch revoke or update of the keys ticked on the list, through the same service call as
     * {@code POST .../api-keys/batch-operations}. Per-key outcomes (a member's key of someone else, a key
     * revoked meanwhile) are results, not errors; a request the service refuses as a whole comes back
     * as the list page with the same keys ticked and the error by its input.
     */
    @PostMapping("/ui/orgs/{orgId}/keys/batch")
    String batch(@PathVariable String orgId, @RequestParam(name = "key_ids", required = false) List<String> keyIds,
            @RequestParam Map<String, String> form, Principal principal, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        boolean update = "update".equals(form.get("operation"));
        KeyReports.BatchResult result;
        try {
            ApiKeyService.BatchRequest batch;
            if (update) {
                List<String> fields = KeySettingsForm.BATCH_FIELDS.stream()
                        .filter(f -> "yes".equals(form.get("change_" + f))).toList();
                if (fields.isEmpty()) {
                    throw ApiException.invalid("changes", "tick at least one setting to change");
                }
                batch = new ApiKeyService.BatchRequest("update", keyIds, "yes".equals(form.get("all_or_nothing")),
                        KeySettingsForm.changes(form, fields, json), null);
            } else {
                if (!"yes".equals(form.get("confirm"))) {
                    throw ApiException.invalid("confirm", "tick the box to confirm revoking the selected keys");
                }
                batch = new ApiKeyService.BatchRequest("revoke", keyIds, false, null, null);
            }
            result = keys.batch(principal, orgId, batch);
        } catch (ApiException e) {
            if (!FormInput.isFormError(e)) throw e;
            response.setStatus(422);
            Filters filters = new Filters(FormInput.text(form.get("status")), FormInput.text(form.get("team")),
                    FormInput.text(form.get("owner")), FormInput.text(form.get("cursor")));
            return list(orgId, filters, principal, request, model, keyIds == null ? Set.of() : Set.copyOf(keyIds),
                    update ? values(form) : Map.of(), KeySettingsForm.withoutBatchPrefix(e));
        }
        model.addAttribute("shell", shells.build(request, principal, orgId, "keys", update ? "Batch update" : "Batch revoke"));
        model.addAttribute("result", result);
        model.addAttribute("names", names(principal, result));
        return "keys/batch";
    }

    /**
     * Key names for the results. The UI's selection is one page of keys, so this is at most a page of
     * lookups; a larger hand-made batch shows ids beyond that.
     */
    private Map<String, String> names(Principal principal, KeyReports.BatchResult result) {
        Map<String, String> names = new java.util.HashMap<>();
        for (KeyReports.BatchItem item : result.results().stream().limit(PAGE_SIZE).toList()) {
            try {
                names.put(item.keyId(), keys.get(principal, item.keyId()).name());
            } catch (ApiException e) {
                // unknown or not visible: the id is all there is to show
            }
        }
        return names;
    }

    /** owner/admin: any key; member: the keys it created (the service enforces the same on every write). */
    private static boolean canManage(Shell shell, Principal principal, ApiKeyView key) {
        return shell.can(Action.KEY_MANAGE_ANY)
                || (shell.can(Action.KEY_MANAGE_OWN) && principal.id().equals(key.createdBy()));
    }

    private static Map<String, String> values(Map<String, String> form) {
        Map<String, String> values = new java.util.HashMap<>(form);
        values.remove(SessionCookie.CSRF_FIELD);
        return values;
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
