package io.aihub.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses management-API bodies over {@code aihub.http.max-body-bytes} with 413 before they are
 * buffered. A declared Content-Length is checked up front; a chunked body is counted as it is
 * read, so neither form can exhaust memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    BodySizeLimitFilter(@Value("${aihub.http.max-body-bytes:1048576}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setStatus(413);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"urn:aihub:problem:payload_too_large\",\"title\":\"Content Too Large\","
                    + "\"status\":413,\"code\":\"payload_too_large\",\"detail\":\"request body exceeds " + maxBytes + " bytes\"}");
            return;
        }
        chain.doFilter(new SizeLimitedRequest(request, maxBytes), response);
    }
}
