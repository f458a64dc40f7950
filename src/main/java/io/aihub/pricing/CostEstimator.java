package io.aihub.pricing;

import java.time.Instant;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Worst-case cost of a request before it is sent: prompt tokens × input price + max output tokens
 * × output price. Max output is the request's {@code max_completion_tokens} or {@code max_tokens}
 * when set (never more than the model allows), otherwise the model's max output tokens.
 * Embeddings produce no output tokens.
 */
@Component
public class CostEstimator {

    private final TokenCounter tokens;

    CostEstimator(TokenCounter tokens) {
        this.tokens = tokens;
    }

    public CostEstimate worstCase(CatalogModel model, ModelPrice price, JsonNode request) {
        String tokenizerModel = model.tokenizerModel();
        long prompt = tokens.countRequest(tokenizerModel, request);
        long output = request.has("input") && !request.has("messages") && !request.has("prompt")
                ? 0 : maxOutputTokens(model, request) * choices(request);
        return new CostEstimate(prompt, output, CostCalculator.cost(price, prompt, 0, output),
                tokens.isExact(tokenizerModel));
    }

    /** Also called by the gateway to cap {@code max_tokens} upstream. */
    public static long maxOutputTokens(CatalogModel model, JsonNode request) {
        JsonNode requested = request.has("max_completion_tokens") ? request.get("max_completion_tokens")
                : request.get("max_tokens");
        if (requested != null && requested.isIntegralNumber() && requested.asLong() > 0) {
            return Math.min(requested.asLong(), model.maxOutputTokens());
        }
        return model.maxOutputTokens();
    }

    /** {@code n} completions cost n times the output. */
    static long choices(JsonNode request) {
        JsonNode n = request.get("n");
        return n != null && n.isIntegralNumber() && n.asLong() > 1 ? n.asLong() : 1;
    }

    /** Convenience for callers that price at the time of the request. */
    public CostEstimate worstCase(ModelCatalog catalog, CatalogModel model, JsonNode request, Instant at) {
        return worstCase(model, catalog.priceAt(model.name(), at), request);
    }
}
