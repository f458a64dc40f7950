package io.aihub.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact cost of token counts at a price. {@code promptTokens} includes {@code cachedTokens}, as in
 * OpenAI's usage object, so the uncached part is billed at the input price and the cached part at
 * the cached-input price. The sum of products is exact; the one division by a million is rounded
 * HALF_UP to 10 decimal places, the scale of the {@code numeric(20, 10)} money columns.
 */
public final class CostCalculator {

    public static final int SCALE = 10;
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private CostCalculator() {
    }

    public static BigDecimal cost(ModelPrice price, long promptTokens, long cachedTokens, long completionTokens) {
        if (promptTokens < 0 || cachedTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
        long cached = Math.min(cachedTokens, promptTokens);
        BigDecimal micro = price.inputPerMillion().multiply(BigDecimal.valueOf(promptTokens - cached))
                .add(price.cachedInputPerMillion().multiply(BigDecimal.valueOf(cached)))
                .add(price.outputPerMillion().multiply(BigDecimal.valueOf(completionTokens)));
        return micro.divide(MILLION, SCALE, RoundingMode.HALF_UP);
    }
}
