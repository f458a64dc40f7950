package io.aihub.access;

/**
 * Proof that {@code principal} may act inside {@code organizationId}; {@code role} is null for the
 * master key, which is above roles.
 */
public record OrgAccess(String organizationId, Principal principal, Role role) {

    public boolean isMaster() {
        return principal instanceof Principal.Master;
    }

    public boolean can(Action action) {
        return isMaster() || Permissions.allows(role, action);
    }
}
