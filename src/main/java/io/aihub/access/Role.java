package io.aihub.access;

import java.util.Arrays;
import java.util.Optional;

/** A user's role within one organization. */
public enum Role {
    OWNER, ADMIN, MEMBER, VIEWER;

    public String wireName() {
        return name().toLowerCase();
    }

    public static Optional<Role> parse(String value) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(value)).findFirst();
    }
}
