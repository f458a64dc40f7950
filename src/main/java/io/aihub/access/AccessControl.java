package io.aihub.access;

import io.aihub.common.ApiException;
import org.springframework.stereotype.Service;

/**
 * The single decision point for management-API authorization. An organization the caller does
 * not belong to answers 404 exactly like one that does not exist, so ids never leak across
 * tenants; within its own organization a caller lacking the action gets 403.
 */
@Service
public class AccessControl {

    private final MembershipLookup memberships;

    AccessControl(MembershipLookup memberships) {
        this.memberships = memberships;
    }

    public OrgAccess require(Principal principal, String organizationId, Action action) {
        OrgAccess access = resolve(principal, organizationId);
        if (!access.can(action)) {
            throw ApiException.forbidden("your role (" + access.role().wireName() + ") may not do this");
        }
        return access;
    }

    /** Membership without a particular action: 404 when the caller cannot see the organization. */
    public OrgAccess resolve(Principal principal, String organizationId) {
        return switch (principal) {
            case Principal.Master master -> {
                if (organizationId == null || !memberships.organizationExists(organizationId)) {
                    throw ApiException.notFound("organization");
                }
                yield new OrgAccess(organizationId, master, null);
            }
            case Principal.User user -> new OrgAccess(organizationId, user,
                    memberships.roleOf(user.userId(), organizationId)
                            .orElseThrow(() -> ApiException.notFound("organization")));
        };
    }

    public void requireUserCreation(Principal principal) {
        if (principal instanceof Principal.User user && !memberships.administersAnyOrganization(user.userId())) {
            throw ApiException.forbidden("only the master key and organization owners or admins may create users");
        }
    }

    public void requireMaster(Principal principal) {
        if (!(principal instanceof Principal.Master)) {
            throw ApiException.forbidden("only the master key may do this");
        }
    }
}
