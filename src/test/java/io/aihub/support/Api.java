package io.aihub.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real-HTTP client for tests: JSON in, {@link Response} out. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {

        public JsonNode json() {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        }

        public String field(String name) {
            JsonNode node = json().get(name);
            return node == null || node.isNull() ? null : node.asString();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body, Map.of());
    }

    public Response put(String path, String token, Object body) {
        return send("PUT", path, token, body, Map.of());
    }

    public Response patch(String path, String token, Object body) {
        return send("PATCH", path, token, body, Map.of());
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null, Map.of());
    }

    /** {@code body}: a String is sent as is (raw JSON, possibly malformed on purpose); anything else is serialized. */
    public Response send(String method, String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (token != null) {
            all.putIfAbsent("Authorization", "Bearer " + token);
        }
        if (body != null) {
            all.putIfAbsent("Content-Type", "application/json");
        }
        all.forEach(request::header);
        String payload = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        request.method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(payload));
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
