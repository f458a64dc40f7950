package io.aihub.access;

import java.util.Optional;

/** Finds a user's e-mail by id, to rebuild a session's principal; implemented by tenancy. */
public interface UserEmailLookup {

    Optional<String> emailOf(String userId);
}
