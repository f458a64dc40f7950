package io.aihub.access;

import static io.aihub.access.Action.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The role → action table, row by row: what each role may do, and that it may do nothing else. */
class PermissionsTests {

    private static final Set<Action> READS = EnumSet.of(ORG_READ, TEAM_READ, MEMBER_READ, BUDGET_READ, KEY_READ,
            USAGE_READ, ALERT_READ);

    @ParameterizedTest
    @EnumSource(Action.class)
    void ownerMayDoEverything(Action action) {
        assertThat(Permissions.allows(Role.OWNER, action)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void adminMayDoEverythingButManageOwners(Action action) {
        assertThat(Permissions.allows(Role.ADMIN, action)).isEqualTo(action != OWNER_MANAGE);
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void memberReadsAndManagesOnlyItsOwnKeys(Action action) {
        boolean expected = READS.contains(action) || action == KEY_CREATE || action == KEY_MANAGE_OWN;
        assertThat(Permissions.allows(Role.MEMBER, action)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void viewerOnlyReads(Action action) {
        assertThat(Permissions.allows(Role.VIEWER, action)).isEqualTo(READS.contains(action));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void rolesParseFromTheirWireNames(Role role) {
        assertThat(Role.parse(role.wireName())).contains(role);
        assertThat(Role.parse(role.name())).isEmpty();
    }
}
