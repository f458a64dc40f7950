package io.aihub.keys;

import java.util.Set;

/**
 * A partial update: {@code provided} holds the JSON names the client sent, so that an absent
 * field stays unchanged while an explicit {@code null} clears it (unlimited quota, no expiry...).
 */
record KeyChanges(KeyInput values, Set<String> provided) {

    boolean has(String field) {
        return provided.contains(field);
    }
}
