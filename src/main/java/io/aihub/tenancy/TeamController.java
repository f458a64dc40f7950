package io.aihub.tenancy;

import io.aihub.access.Principal;
import io.aihub.common.Page;
import io.aihub.common.PageRequest;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "teams")
@RestController
@RequestMapping("/api/v1/organizations/{orgId}/teams")
class TeamController {

    private final TenancyService tenancy;

    TeamController(TenancyService tenancy) {
        this.tenancy = tenancy;
    }

    record TeamBody(String name) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Team create(Principal caller, @PathVariable String orgId, @RequestBody TeamBody body) {
        return tenancy.createTeam(caller, orgId, body.name());
    }

    @GetMapping
    Page<Team> list(Principal caller, @PathVariable String orgId, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return tenancy.teams(caller, orgId, PageRequest.of(limit, cursor));
    }

    @GetMapping("/{teamId}")
    Team get(Principal caller, @PathVariable String orgId, @PathVariable String teamId) {
        return tenancy.team(caller, orgId, teamId);
    }

    @PatchMapping("/{teamId}")
    Team rename(Principal caller, @PathVariable String orgId, @PathVariable String teamId, @RequestBody TeamBody body) {
        return tenancy.renameTeam(caller, orgId, teamId, body.name());
    }

    @DeleteMapping("/{teamId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Principal caller, @PathVariable String orgId, @PathVariable String teamId) {
        tenancy.deleteTeam(caller, orgId, teamId);
    }
}
