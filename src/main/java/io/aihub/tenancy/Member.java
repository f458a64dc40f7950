package io.aihub.tenancy;

import java.time.Instant;

/** A user's membership in an organization, as listed. */
public record Member(String userId, String email, String name, String role, Instant createdAt) {
}
