package io.aihub.gateway;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where gateway failures raised outside the exchange become OpenAI-style error JSON
 * (the exchange writes its own refusals, since it must run stage afters after the response).
 * Scoped to this package and ahead of {@code ProblemAdvice}, which keeps {@code /api/**}.
 */
@RestControllerAdvice(basePackages = "io.aihub.gateway")
@Order(Ordered.HIGHEST_PRECEDENCE)
class GatewayAdvice {

    private static final Logger log = LoggerFactory.getLogger(GatewayAdvice.class);

    @ExceptionHandler(GatewayException.class)
    ResponseEntity<Map<String, Object>> gateway(GatewayException e) {
        return GatewayErrorWriter.entity(e.error());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.aihub.common.SizeLimitedRequest.BodyTooLargeException tooLarge) {
                return GatewayErrorWriter.entity(new GatewayError.RequestTooLarge(tooLarge.maxBytes()));
            }
        }
        return GatewayErrorWriter.entity(new GatewayError.InvalidRequest(
                "We could not parse the JSON body of your request: send a JSON object.", null));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return GatewayErrorWriter.entity(new GatewayError.InvalidRequest("Send the request body as application/json.", null));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        GatewayError.InvalidRequest error = new GatewayError.InvalidRequest("Method " + e.getMethod() + " is not supported here.", null);
        return ResponseEntity.status(405).body(GatewayErrorWriter.body(error));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected error on {} {} ({})", request.getMethod(), request.getRequestURI(), RequestIdFilter.of(request), e);
        return GatewayErrorWriter.entity(new GatewayError.Internal());
    }
}
