package io.aihub.gateway;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/** Renders a {@link GatewayError} as OpenAI error JSON, with {@code Retry-After} when it has one. */
final class GatewayErrorWriter {

    private GatewayErrorWriter() {
    }

    static Map<String, Object> body(GatewayError error) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("message", error.message());
        inner.put("type", error.type());
        inner.put("param", error.param());
        inner.put("code", error.code());
        return Map.of("error", inner);
    }

    static ResponseEntity<Map<String, Object>> entity(GatewayError error) {
        var builder = ResponseEntity.status(error.status()).header(HttpHeaders.CONTENT_TYPE, "application/json");
        if (error.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, error.retryAfterSeconds().toString());
        }
        return builder.body(body(error));
    }

    static void write(HttpServletResponse response, GatewayError error, Map<String, String> headers, JsonMapper json)
            throws IOException {
        response.setStatus(error.status());
        headers.forEach(response::setHeader);
        if (error.retryAfterSeconds() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, error.retryAfterSeconds().toString());
        }
        byte[] bytes = json.writeValueAsBytes(body(error));
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
