package io.aihub.tenancy;

import java.time.Instant;

/** A platform user as shown by the API: never the password hash. */
public record User(String id, String email, String name, Instant createdAt) {
}
