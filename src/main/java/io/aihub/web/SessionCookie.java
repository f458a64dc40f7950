package io.aihub.web;

import io.aihub.common.Hashing;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The UI's session cookie (HttpOnly, SameSite=Strict, Secure over HTTPS) and the CSRF token derived
 * from it. The CSRF token is a hash of the session token: unguessable without the cookie, the same
 * for the whole session, and nothing to store.
 */
final class SessionCookie {

    static final String NAME = "aihub_session";
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private SessionCookie() {
    }

    static String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (NAME.equals(c.getName()) && !c.getValue().isBlank()) {
                return c.getValue();
            }
        }
        return null;
    }

    static void write(HttpServletRequest request, HttpServletResponse response, String token, Instant now, Instant expiresAt) {
        long seconds = Math.max(0, Duration.between(now, expiresAt).toSeconds());
        set(request, response, token, Duration.ofSeconds(seconds));
    }

    static void clear(HttpServletRequest request, HttpServletResponse response) {
        set(request, response, "", Duration.ZERO);
    }

    private static void set(HttpServletRequest request, HttpServletResponse response, String value, Duration maxAge) {
        ResponseCookie cookie = ResponseCookie.from(NAME, value).httpOnly(true).sameSite("Strict")
                .secure(request.isSecure()).path("/ui").maxAge(maxAge).build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    static String csrfTokenOf(String sessionToken) {
        return Hashing.sha256Hex("aihub-ui-csrf|" + sessionToken);
    }

    static boolean csrfMatches(String sessionToken, String presented) {
        return presented != null && Hashing.constantTimeEquals(csrfTokenOf(sessionToken), presented);
    }
}
