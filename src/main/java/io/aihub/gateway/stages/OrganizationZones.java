package io.aihub.gateway.stages;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.aihub.tenancy.TenancyService;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/**
 * Organizations' timezones for the quota period, from memory: one database read per organization
 * per minute at most, not one per request. A changed timezone takes effect within the minute.
 */
@Component
class OrganizationZones {

    static final Duration TTL = Duration.ofMinutes(1);

    private final LoadingCache<String, ZoneId> zones;

    OrganizationZones(TenancyService tenancy) {
        this.zones = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(100_000).build(tenancy::timezoneOf);
    }

    ZoneId of(String organizationId) {
        return zones.get(organizationId);
    }
}
