package io.aihub.access;

import java.util.Optional;

/** Verifies a user's password; implemented by tenancy, which owns users. */
public interface PasswordCheck {

    /** The user when the email exists and the password matches, empty otherwise (never which of the two). */
    Optional<Principal.User> verify(String email, String password);
}
