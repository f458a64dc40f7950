package io.aihub.tenancy;

import java.time.Instant;

public record Team(String id, String organizationId, String name, Instant createdAt) {
}
