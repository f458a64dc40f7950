package io.aihub.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A catalog model as the management API shows it: credentials reduced to {@code has_api_key}. */
record ModelView(String name, List<DeploymentView> deployments, PricingView pricing, List<PricingView> priceHistory,
        int maxOutputTokens, boolean builtIn, Instant createdAt, Instant updatedAt) {

    record DeploymentView(String provider, String baseUrl, String upstreamModel, boolean hasApiKey, String authHeader,
            int weight, Map<String, String> extraHeaders, Map<String, String> extraQuery) {
    }

    record PricingView(BigDecimal inputPerMillion, BigDecimal cachedInputPerMillion, BigDecimal outputPerMillion,
            Instant effectiveFrom) {

        static PricingView of(ModelPrice price) {
            return new PricingView(plain(price.inputPerMillion()), plain(price.cachedInputPerMillion()),
                    plain(price.outputPerMillion()), price.effectiveFrom());
        }

        /** 0.6000000000 → 0.6 and 10.0000000000 → 10 (never 1E+1). */
        static BigDecimal plain(BigDecimal value) {
            BigDecimal stripped = value.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
    }
}
