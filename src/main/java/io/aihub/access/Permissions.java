package io.aihub.access;

import static io.aihub.access.Action.*;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The role → action table. Kept in code, not in the database, so that it is reviewed and tested
 * row by row ({@code PermissionsTests}).
 */
public final class Permissions {

    private static final Set<Action> READ = EnumSet.of(ORG_READ, TEAM_READ, MEMBER_READ, BUDGET_READ, KEY_READ,
            USAGE_READ, ALERT_READ);

    private static final Map<Role, Set<Action>> TABLE = Map.of(
            Role.OWNER, EnumSet.allOf(Action.class),
            Role.ADMIN, EnumSet.complementOf(EnumSet.of(OWNER_MANAGE)),
            Role.MEMBER, union(READ, EnumSet.of(KEY_CREATE, KEY_MANAGE_OWN)),
            Role.VIEWER, READ);

    private Permissions() {
    }

    public static boolean allows(Role role, Action action) {
        return TABLE.get(role).contains(action);
    }

    private static Set<Action> union(Set<Action> a, Set<Action> b) {
        EnumSet<Action> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }
}
