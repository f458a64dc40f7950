package io.aihub.access;

import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * User sessions for the admin web UI: the same sessions as {@code POST /api/v1/auth/login} (same
 * store, same expiry, same revocation), opened from a sign-in form and carried in a cookie instead
 * of an Authorization header. The master key cannot sign in here: it would have to live in a cookie.
 */
@Service
public class BrowserSessions {

    private final PasswordCheck passwords;
    private final SessionStore sessions;
    private final UserEmailLookup users;

    BrowserSessions(PasswordCheck passwords, SessionStore sessions, UserEmailLookup users) {
        this.passwords = passwords;
        this.sessions = sessions;
        this.users = users;
    }

    /** toString hides the token. */
    public record Opened(String token, Instant expiresAt, Principal.User user) {
        @Override
        public String toString() {
            return "Opened[token=***, expiresAt=" + expiresAt + ", user=" + user + "]";
        }
    }

    /** A new session when email and password match, empty otherwise (never which of the two was wrong). */
    public Optional<Opened> signIn(String email, String password) {
        if (email == null || password == null || email.length() > 320 || password.length() > 200) {
            return Optional.empty();
        }
        return passwords.verify(email, password).map(user -> {
            SessionStore.Issued issued = sessions.open(user.userId());
            return new Opened(issued.token(), issued.expiresAt(), user);
        });
    }

    /** The signed-in user of a live session token, or empty (unknown, expired, signed out, not a session token). */
    public Optional<Principal.User> userOf(String token) {
        if (token == null || !token.startsWith(SessionStore.TOKEN_PREFIX) || token.length() > 512) {
            return Optional.empty();
        }
        return sessions.userOf(token).flatMap(id -> users.emailOf(id).map(email -> new Principal.User(id, email)));
    }

    public void signOut(String token) {
        if (token != null && token.startsWith(SessionStore.TOKEN_PREFIX)) {
            sessions.revoke(token);
        }
    }
}
