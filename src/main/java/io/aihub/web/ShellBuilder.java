package io.aihub.web;

import io.aihub.access.AccessControl;
import io.aihub.access.OrgAccess;
import io.aihub.access.Principal;
import io.aihub.common.PageRequest;
import io.aihub.tenancy.Organization;
import io.aihub.tenancy.TenancyService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/** Builds the layout's {@link Shell}; resolving the organization answers 404 for one the user cannot see. */
@Component
class ShellBuilder {

    private final TenancyService tenancy;
    private final AccessControl access;

    ShellBuilder(TenancyService tenancy, AccessControl access) {
        this.tenancy = tenancy;
        this.access = access;
    }

    Shell build(HttpServletRequest request, Principal principal, String orgId, String nav, String title) {
        OrgAccess grant = orgId == null ? null : access.resolve(principal, orgId);
        String orgName = orgId == null ? null : tenancy.organization(orgId).name();
        return new Shell(title, principal instanceof Principal.User u ? u.email() : "master key", organizations(principal),
                orgId, orgName, grant, nav, csrf(request));
    }

    List<Shell.OrgChoice> organizations(Principal principal) {
        return tenancy.organizations(principal, PageRequest.of(PageRequest.MAX_LIMIT, null)).data().stream()
                .map((Organization o) -> new Shell.OrgChoice(o.id(), o.name())).toList();
    }

    static String csrf(HttpServletRequest request) {
        Object token = request.getAttribute(UiAuthentication.SESSION_TOKEN);
        return token == null ? "" : SessionCookie.csrfTokenOf((String) token);
    }

    static String sessionToken(HttpServletRequest request) {
        return (String) request.getAttribute(UiAuthentication.SESSION_TOKEN);
    }
}
