package io.aihub.gateway;

import io.aihub.pricing.CatalogModel;
import io.aihub.pricing.ModelCatalog;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAI-compatible endpoints. Thin: the exchange does the work and writes the response itself. */
@Tag(name = "gateway")
@RestController
class GatewayController {

    private final GatewayExchange exchange;
    private final AuthenticationStage authentication;
    private final ModelCatalog catalog;

    GatewayController(GatewayExchange exchange, AuthenticationStage authentication, ModelCatalog catalog) {
        this.exchange = exchange;
        this.authentication = authentication;
        this.catalog = catalog;
    }

    @PostMapping("/v1/chat/completions")
    void chat(@RequestBody ObjectNode body, HttpServletRequest request, HttpServletResponse response) throws IOException {
        exchange.handle(Endpoint.CHAT_COMPLETIONS, RequestIdFilter.of(request), body, token(request), response);
    }

    @PostMapping("/v1/completions")
    void completions(@RequestBody ObjectNode body, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        exchange.handle(Endpoint.COMPLETIONS, RequestIdFilter.of(request), body, token(request), response);
    }

    @PostMapping("/v1/embeddings")
    void embeddings(@RequestBody ObjectNode body, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        exchange.handle(Endpoint.EMBEDDINGS, RequestIdFilter.of(request), body, token(request), response);
    }

    /** The models this key may use, in OpenAI's list shape. */
    @GetMapping("/v1/models")
    ResponseEntity<Map<String, Object>> models(HttpServletRequest request) {
        var auth = authentication.authenticate(token(request));
        if (auth.error() != null) {
            throw new GatewayException(auth.error());
        }
        var key = auth.principal().key();
        if (key != null && !key.permissions().allowsEndpoint(Endpoint.MODELS.path())) {
            throw new GatewayException(new GatewayError.EndpointNotAllowed("/v1/models"));
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (CatalogModel model : catalog.all()) {
            if (auth.principal().mayUse(model.name())) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", model.name());
                item.put("object", "model");
                item.put("created", 0);
                item.put("owned_by", model.builtIn() ? "aihub-demo" : "aihub");
                data.add(item);
            }
        }
        return ResponseEntity.ok(Map.of("object", "list", "data", data));
    }

    /** {@code Authorization: Bearer <token>}, else {@code x-api-key}. */
    static String token(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        String apiKey = request.getHeader("x-api-key");
        return apiKey == null ? null : apiKey.trim();
    }
}
