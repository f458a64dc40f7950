package io.aihub.tenancy;

import io.aihub.access.Principal;
import io.aihub.common.Page;
import io.aihub.common.PageRequest;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "users")
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final TenancyService tenancy;

    UserController(TenancyService tenancy) {
        this.tenancy = tenancy;
    }

    /** toString hides the password: Spring logs handler arguments at DEBUG. */
    record CreateUser(String email, String password, String name) {
        @Override
        public String toString() {
            return "CreateUser[email=" + email + ", password=***, name=" + name + "]";
        }
    }

    /** Master key, or an owner/admin of any organization. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    User create(Principal caller, @RequestBody CreateUser body) {
        return tenancy.createUser(caller, body.email(), body.password(), body.name());
    }

    /** Master key only. */
    @GetMapping
    Page<User> list(Principal caller, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return tenancy.users(caller, PageRequest.of(limit, cursor));
    }

    /** Oneself, or anyone with the master key. */
    @GetMapping("/{userId}")
    User get(Principal caller, @PathVariable String userId) {
        return tenancy.user(caller, userId);
    }
}
