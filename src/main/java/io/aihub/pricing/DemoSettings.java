package io.aihub.pricing;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Prices of the built-in offline {@code demo/*} models, so budgets visibly move on a fresh install
 * (defaults: gpt-4o-mini's list price). {@code aihub.demo.*}.
 */
@Validated
@ConfigurationProperties("aihub.demo")
public record DemoSettings(
        @NotNull @DecimalMin("0") @DefaultValue("0.15") BigDecimal inputPerMillion,
        @NotNull @DecimalMin("0") @DefaultValue("0.075") BigDecimal cachedInputPerMillion,
        @NotNull @DecimalMin("0") @DefaultValue("0.60") BigDecimal outputPerMillion,
        @Min(1) @DefaultValue("4096") int maxOutputTokens) {
}
