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

@Tag(name = "members")
@RestController
@RequestMapping("/api/v1/organizations/{orgId}/members")
class MemberController {

    private final TenancyService tenancy;

    MemberController(TenancyService tenancy) {
        this.tenancy = tenancy;
    }

    record AddMember(String userId, String role) {
    }

    record ChangeRole(String role) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Member add(Principal caller, @PathVariable String orgId, @RequestBody AddMember body) {
        return tenancy.addMember(caller, orgId, body.userId(), body.role());
    }

    @GetMapping
    Page<Member> list(Principal caller, @PathVariable String orgId, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return tenancy.members(caller, orgId, PageRequest.of(limit, cursor));
    }

    @PatchMapping("/{userId}")
    Member changeRole(Principal caller, @PathVariable String orgId, @PathVariable String userId,
            @RequestBody ChangeRole body) {
        return tenancy.changeRole(caller, orgId, userId, body.role());
    }

    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(Principal caller, @PathVariable String orgId, @PathVariable String userId) {
        tenancy.removeMember(caller, orgId, userId);
    }
}
