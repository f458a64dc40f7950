package io.aihub.pricing;

import java.math.BigDecimal;
import tools.jackson.databind.annotation.JsonDeserialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A catalog model as written through {@code /api/v1/models} or the seed file. */
record ModelBody(String name, List<DeploymentBody> deployments, PricingBody pricing, Integer maxOutputTokens) {

    /** {@code api_key} is write-only; {@code auth_header}: authorization (default), api-key or x-api-key. */
    record DeploymentBody(String provider, String baseUrl, String upstreamModel, String apiKey, String authHeader,
            Integer weight, Map<String, String> extraHeaders, Map<String, String> extraQuery) {

        @Override
        public String toString() {
            return "DeploymentBody[" + provider + ", " + baseUrl + ", " + upstreamModel + "]";
        }
    }

    record PricingBody(
            @JsonDeserialize(using = DecimalInput.class) BigDecimal inputPerMillion,
            @JsonDeserialize(using = DecimalInput.class) BigDecimal cachedInputPerMillion,
            @JsonDeserialize(using = DecimalInput.class) BigDecimal outputPerMillion,
            Instant effectiveFrom) {
    }
}
