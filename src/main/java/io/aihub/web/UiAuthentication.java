package io.aihub.web;

import io.aihub.access.BrowserSessions;
import io.aihub.access.Principal;
import io.aihub.common.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards every {@code /ui/**} page but the sign-in form: no live session cookie → redirect to
 * sign-in (htmx requests get {@code HX-Redirect}); a state-changing request without the session's
 * CSRF token (form field or header) → 403. The principal is stored under the same request attribute
 * as on {@code /api/**}, so controllers take a {@link Principal} parameter exactly like the API's.
 */
@Component
class UiAuthentication implements HandlerInterceptor {

    /** The attribute the access module's argument resolver reads. */
    static final String PRINCIPAL = Principal.class.getName();
    static final String SESSION_TOKEN = UiAuthentication.class.getName() + ".token";

    private final BrowserSessions sessions;

    UiAuthentication(BrowserSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        String token = SessionCookie.read(request);
        Optional<Principal.User> user = sessions.userOf(token);
        if (user.isEmpty()) {
            if (token != null) {
                SessionCookie.clear(request, response);
            }
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", "/ui/sign-in");
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                response.sendRedirect("/ui/sign-in");
            }
            return false;
        }
        if (!isSafe(request.getMethod())) {
            String presented = request.getParameter(SessionCookie.CSRF_FIELD);
            if (presented == null) {
                presented = request.getHeader(SessionCookie.CSRF_HEADER);
            }
            if (!SessionCookie.csrfMatches(token, presented)) {
                throw ApiException.forbidden("the form's security token is missing or out of date; reload the page and try again");
            }
        }
        request.setAttribute(PRINCIPAL, user.get());
        request.setAttribute(SESSION_TOKEN, token);
        return true;
    }

    private static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }
}
