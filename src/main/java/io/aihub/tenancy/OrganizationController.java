package io.aihub.tenancy;

import io.aihub.access.Principal;
import io.aihub.common.Page;
import io.aihub.common.PageRequest;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "organizations")
@RestController
@RequestMapping("/api/v1/organizations")
class OrganizationController {

    private final TenancyService tenancy;

    OrganizationController(TenancyService tenancy) {
        this.tenancy = tenancy;
    }

    /** {@code timezone} is an IANA zone (default UTC); {@code owner_user_id} only with the master key. */
    record CreateOrganization(String name, String timezone, String ownerUserId) {
    }

    record UpdateOrganization(String name, String timezone) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Organization create(Principal caller, @RequestBody CreateOrganization body) {
        return tenancy.createOrganization(caller, body.name(), body.timezone(), body.ownerUserId());
    }

    @GetMapping
    Page<Organization> list(Principal caller, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return tenancy.organizations(caller, PageRequest.of(limit, cursor));
    }

    @GetMapping("/{orgId}")
    Organization get(Principal caller, @PathVariable String orgId) {
        return tenancy.organization(caller, orgId);
    }

    @PatchMapping("/{orgId}")
    Organization update(Principal caller, @PathVariable String orgId, @RequestBody UpdateOrganization body) {
        return tenancy.updateOrganization(caller, orgId, body.name(), body.timezone());
    }
}
