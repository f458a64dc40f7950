package io.aihub.access;

import io.aihub.common.ApiException;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "auth")
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private final PasswordCheck passwords;
    private final SessionStore sessions;

    AuthController(PasswordCheck passwords, SessionStore sessions) {
        this.passwords = passwords;
        this.sessions = sessions;
    }

    /** toString hides the password: Spring logs handler arguments at DEBUG. */
    record LoginRequest(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 200) String password) {
        @Override
        public String toString() {
            return "LoginRequest[email=" + email + ", password=***]";
        }
    }

    /** toString hides the token: Spring logs return values at DEBUG. */
    record LoginResponse(String accessToken, String tokenType, Instant expiresAt, String userId) {
        @Override
        public String toString() {
            return "LoginResponse[accessToken=***, expiresAt=" + expiresAt + ", userId=" + userId + "]";
        }
    }

    @PostMapping("/login")
    LoginResponse login(@Valid @RequestBody LoginRequest request) {
        Principal.User user = passwords.verify(request.email(), request.password())
                .orElseThrow(() -> ApiException.unauthorized("invalid email or password"));
        SessionStore.Issued issued = sessions.open(user.userId());
        return new LoginResponse(issued.token(), "bearer", issued.expiresAt(), user.userId());
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(Principal principal, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        if (principal instanceof Principal.User) {
            sessions.revoke(Authenticator.bearerToken(authorization));
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me")
    Map<String, Object> me(Principal principal) {
        return switch (principal) {
            case Principal.Master m -> Map.of("kind", "master");
            case Principal.User u -> Map.of("kind", "user", "user_id", u.userId(), "email", u.email());
        };
    }
}
