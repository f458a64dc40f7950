package io.aihub.usage;

import io.aihub.access.AccessControl;
import io.aihub.access.Action;
import io.aihub.access.Principal;
import io.aihub.tenancy.TenancyService;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "usage")
@RestController
@RequestMapping("/api/v1/organizations/{orgId}/usage")
class UsageController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final AccessControl access;
    private final TenancyService tenancy;
    private final UsageAnalytics analytics;
    private final Clock clock;

    UsageController(AccessControl access, TenancyService tenancy, UsageAnalytics analytics, Clock clock) {
        this.access = access;
        this.tenancy = tenancy;
        this.analytics = analytics;
        this.clock = clock;
    }

    /** JSON by default; {@code Accept: text/csv} gives every bucket of the range as CSV (no pagination). */
    @GetMapping
    ResponseEntity<?> usage(Principal caller, @PathVariable String orgId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String bucket,
            @RequestParam(name = "group_by", required = false) String groupBy,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
            @RequestHeader(name = "Accept", required = false) String accept) {
        access.require(caller, orgId, Action.USAGE_READ);
        boolean csv = accept != null && accept.toLowerCase().contains("text/csv");
        Instant now = clock.instant();
        UsageQuery query = UsageQuery.parse(from, to, bucket, groupBy, csv ? Integer.valueOf(UsageQuery.MAX_BUCKETS) : limit,
                csv ? null : cursor, tenancy.timezoneOf(orgId), now);
        UsageReport report = analytics.report(orgId, query, now);
        if (csv) {
            return ResponseEntity.ok().contentType(CSV).body(UsageCsv.write(report));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    @GetMapping("/summary")
    UsageSummary summary(Principal caller, @PathVariable String orgId) {
        access.require(caller, orgId, Action.USAGE_READ);
        return analytics.summary(orgId, clock.instant());
    }

    /** Master key only: recomputes the organization's rollups from its records. */
    @PostMapping("/rollups/rebuild")
    Map<String, Object> rebuild(Principal caller, @PathVariable String orgId) {
        access.resolve(caller, orgId);
        access.requireMaster(caller);
        analytics.rebuild(orgId);
        return Map.of("organization_id", orgId, "rebuilt", true);
    }
}
