package io.aihub.gateway;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.aihub.common.SizeLimitedRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses {@code /v1} bodies over {@code aihub.gateway.max-body-bytes} with 413 before they are
 * parsed: a declared Content-Length up front, a chunked body as it is read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class GatewayBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final JsonMapper json;

    GatewayBodyLimitFilter(GatewaySettings settings, JsonMapper json) {
        this.maxBytes = settings.maxBodyBytes();
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            GatewayErrorWriter.write(response, new GatewayError.RequestTooLarge(maxBytes), Map.of(), json);
            return;
        }
        chain.doFilter(new SizeLimitedRequest(request, maxBytes), response);
    }
}
