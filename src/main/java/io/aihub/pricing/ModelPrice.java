package io.aihub.pricing;

import java.math.BigDecimal;
import java.time.Instant;

/** USD per million tokens, in force from {@code effectiveFrom} until a later price takes over. */
public record ModelPrice(BigDecimal inputPerMillion, BigDecimal cachedInputPerMillion, BigDecimal outputPerMillion,
        Instant effectiveFrom) {

    public ModelPrice {
        if (inputPerMillion.signum() < 0 || cachedInputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }
}
