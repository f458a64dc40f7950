package io.aihub.web;

import io.aihub.access.Action;
import io.aihub.access.OrgAccess;
import java.util.List;

/**
 * What the layout needs on every page: who is signed in, the organizations to switch between, the
 * current one with the caller's grant, which navigation entry is active, and the CSRF token for forms.
 */
public record Shell(String title, String email, List<OrgChoice> organizations, String orgId, String orgName,
        OrgAccess access, String nav, String csrf) {

    public record OrgChoice(String id, String name) {
    }

    /** Whether the signed-in user may do {@code action} here; templates hide write controls with it. */
    public boolean can(Action action) {
        return access != null && access.can(action);
    }

    public String role() {
        return access == null ? "" : access.isMaster() ? "master" : access.role().wireName();
    }

    public String org(String path) {
        return "/ui/orgs/" + orgId + path;
    }
}
