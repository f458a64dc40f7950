package io.aihub.gateway;

import io.aihub.pricing.CatalogModel;
import io.aihub.pricing.CostEstimate;
import io.aihub.pricing.ModelPrice;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One gateway request as it moves through the pipeline. Stages read it and fill in what they
 * establish (principal, model, price, estimate, a {@code max_tokens} cap) and may keep their own
 * state in {@link #attributes()} between their before and after. Not shared across threads
 * except with the upstream relay of the same request.
 */
public final class GatewayCall {

    private final String requestId;
    private final Endpoint endpoint;
    private final ObjectNode body;
    private final String token;
    private final Instant startedAt;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();
    private GatewayPrincipal principal;
    private CatalogModel model;
    private ModelPrice price;
    private CostEstimate estimate;
    private Long maxTokensCap;

    public GatewayCall(String requestId, Endpoint endpoint, ObjectNode body, String token, Instant startedAt) {
        this.requestId = requestId;
        this.endpoint = endpoint;
        this.body = body;
        this.token = token;
        this.startedAt = startedAt;
    }

    public String requestId() { return requestId; }

    public Endpoint endpoint() { return endpoint; }

    /** The client's request body, passed upstream with only {@code model} (and caps) changed. */
    public ObjectNode body() { return body; }

    /** The caller's bearer token: for the authentication stage only; never log it. */
    public String token() { return token; }

    public Instant startedAt() { return startedAt; }

    /** The model name the client asked for, or null. */
    public String requestedModel() {
        JsonNode model = body == null ? null : body.get("model");
        return model != null && model.isString() ? model.asString() : null;
    }

    public boolean streaming() {
        JsonNode stream = body == null ? null : body.get("stream");
        return stream != null && stream.isBoolean() && stream.asBoolean();
    }

    /** The request's {@code user} field (the client's end user), or null. */
    public String endUser() {
        JsonNode user = body == null ? null : body.get("user");
        return user != null && user.isString() ? truncate(user.asString(), 256) : null;
    }

    public Map<String, Object> attributes() { return attributes; }

    /** Headers stages want on the response (e.g. {@code x-ratelimit-remaining-requests}), on success and refusal. */
    public Map<String, String> responseHeaders() { return responseHeaders; }

    public GatewayPrincipal principal() { return principal; }

    public void principal(GatewayPrincipal principal) { this.principal = principal; }

    public CatalogModel model() { return model; }

    public void model(CatalogModel model) { this.model = model; }

    /** The price in force when the request started: the usage is billed at it. */
    public ModelPrice price() { return price; }

    public void price(ModelPrice price) { this.price = price; }

    public CostEstimate estimate() { return estimate; }

    public void estimate(CostEstimate estimate) { this.estimate = estimate; }

    /** A cap on output tokens a stage asks for (e.g. what the remaining budget affords); sent upstream as {@code max_tokens}. */
    public Long maxTokensCap() { return maxTokensCap; }

    public void capMaxTokens(long cap) {
        this.maxTokensCap = maxTokensCap == null ? cap : Math.min(maxTokensCap, cap);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
