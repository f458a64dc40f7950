package io.aihub.tenancy;

import java.time.Instant;

public record Organization(String id, String name, String timezone, String createdBy, Instant createdAt,
        Instant updatedAt) {
}
