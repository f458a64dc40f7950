package io.aihub.access;

import java.util.Optional;

/** What access needs to know of tenancy; implemented there so that access does not read its tables. */
public interface MembershipLookup {

    boolean organizationExists(String organizationId);

    Optional<Role> roleOf(String userId, String organizationId);

    /** Whether the user is owner or admin somewhere (such users may create platform users). */
    boolean administersAnyOrganization(String userId);
}
