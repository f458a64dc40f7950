package io.aihub.web;

import io.aihub.access.Action;
import io.aihub.access.Principal;
import io.aihub.common.ApiException;
import io.aihub.common.PageRequest;
import io.aihub.tenancy.TenancyService;
import io.aihub.tenancy.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Teams, members and roles of an organization; the write forms are for owners and admins. */
@Controller
class OrganizationPages {

    private final ShellBuilder shells;
    private final TenancyService tenancy;

    OrganizationPages(ShellBuilder shells, TenancyService tenancy) {
        this.shells = shells;
        this.tenancy = tenancy;
    }

    @GetMapping("/ui/orgs/{orgId}/organization")
    String page(@PathVariable String orgId, Principal principal, HttpServletRequest request, Model model) {
        return page(orgId, principal, request, model, Map.of(), FormErrors.NONE, "");
    }

    private String page(String orgId, Principal principal, HttpServletRequest request, Model model, Map<String, String> values,
            FormErrors errors, String form) {
        Shell shell = shells.build(request, principal, orgId, "organization", "Organization");
        model.addAttribute("shell", shell);
        model.addAttribute("teams", tenancy.teams(principal, orgId, PageRequest.of(PageRequest.MAX_LIMIT, null)).data());
        model.addAttribute("members", shell.can(Action.MEMBER_READ)
                ? tenancy.members(principal, orgId, PageRequest.of(PageRequest.MAX_LIMIT, null)).data() : java.util.List.of());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        return "organization";
    }

    @PostMapping("/ui/orgs/{orgId}/teams")
    String createTeam(@PathVariable String orgId, @RequestParam Map<String, String> form, Principal principal,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        return attempt(orgId, form, "team", principal, request, response, model,
                () -> tenancy.createTeam(principal, orgId, form.get("name")));
    }

    @PostMapping("/ui/orgs/{orgId}/teams/{teamId}/delete")
    String deleteTeam(@PathVariable String orgId, @PathVariable String teamId, Principal principal) {
        tenancy.deleteTeam(principal, orgId, teamId);
        return "redirect:/ui/orgs/" + orgId + "/organization";
    }

    @PostMapping("/ui/orgs/{orgId}/members")
    String addMember(@PathVariable String orgId, @RequestParam Map<String, String> form, Principal principal,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        return attempt(orgId, form, "member", principal, request, response, model, () -> {
            String userId = FormInput.text(form.get("user_id"));
            if (userId == null) {
                // A new user: the same rules as POST /api/v1/users (owners and admins may create users).
                User user = tenancy.createUser(principal, FormInput.text(form.get("email")), form.get("password"),
                        FormInput.text(form.get("name")));
                userId = user.id();
            }
            tenancy.addMember(principal, orgId, userId, form.getOrDefault("role", "member"));
        });
    }

    @PostMapping("/ui/orgs/{orgId}/members/{userId}/role")
    String changeRole(@PathVariable String orgId, @PathVariable String userId, @RequestParam Map<String, String> form,
            Principal principal, HttpServletRequest request, HttpServletResponse response, Model model) {
        return attempt(orgId, form, "role:" + userId, principal, request, response, model,
                () -> tenancy.changeRole(principal, orgId, userId, form.get("role")));
    }

    @PostMapping("/ui/orgs/{orgId}/members/{userId}/remove")
    String remove(@PathVariable String orgId, @PathVariable String userId, Principal principal) {
        tenancy.removeMember(principal, orgId, userId);
        return "redirect:/ui/orgs/" + orgId + "/organization";
    }

    private String attempt(String orgId, Map<String, String> form, String which, Principal principal,
            HttpServletRequest request, HttpServletResponse response, Model model, Runnable work) {
        try {
            work.run();
            return "redirect:/ui/orgs/" + orgId + "/organization";
        } catch (ApiException e) {
            if (!FormInput.isFormError(e)) throw e;
            response.setStatus(422);
            Map<String, String> values = new HashMap<>(form);
            values.remove(SessionCookie.CSRF_FIELD);
            values.remove("password");
            return page(orgId, principal, request, model, values, FormErrors.of(e), which);
        }
    }
}
