package io.aihub.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every {@code /api/**} request before its controller runs (deny by default: an
 * endpoint cannot forget to), and hands the {@link Principal} to controller parameters.
 */
@Component
class AuthenticationInterceptor implements HandlerInterceptor, HandlerMethodArgumentResolver {

    static final String ATTRIBUTE = Principal.class.getName();

    private final Authenticator authenticator;

    AuthenticationInterceptor(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (isPublic(request)) {
            return true;
        }
        request.setAttribute(ATTRIBUTE, authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION)));
        return true;
    }

    private static boolean isPublic(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/api/v1/auth/login".equals(request.getRequestURI());
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Principal.class.isAssignableFrom(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Object principal = request.getAttribute(ATTRIBUTE, NativeWebRequest.SCOPE_REQUEST);
        if (principal == null) {
            throw new IllegalStateException("no principal: is this endpoint outside /api/**?");
        }
        return principal;
    }
}
