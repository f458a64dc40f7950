package io.aihub.insights;

import io.aihub.access.AccessControl;
import io.aihub.access.Action;
import io.aihub.access.Principal;
import io.aihub.common.Page;
import io.aihub.common.PageRequest;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "insights")
@RestController
@RequestMapping("/api/v1/organizations/{orgId}")
class InsightsController {

    private final AccessControl access;
    private final AnomalyRepository anomalies;
    private final Recommendations recommendations;
    private final Clock clock;

    InsightsController(AccessControl access, AnomalyRepository anomalies, Recommendations recommendations, Clock clock) {
        this.access = access;
        this.anomalies = anomalies;
        this.recommendations = recommendations;
        this.clock = clock;
    }

    /** Anomalies found by the hourly scan, oldest first. */
    @GetMapping("/anomalies")
    Page<AnomalyIncident> anomalies(Principal caller, @PathVariable String orgId,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        access.require(caller, orgId, Action.USAGE_READ);
        PageRequest page = PageRequest.of(limit, cursor);
        return Page.of(anomalies.list(orgId, page), page, AnomalyIncident::id);
    }

    @GetMapping("/recommendations")
    Recommendations.Answer recommendations(Principal caller, @PathVariable String orgId) {
        access.require(caller, orgId, Action.USAGE_READ);
        return recommendations.recommend(orgId, clock.instant());
    }
}
