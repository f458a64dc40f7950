package io.aihub.insights;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cheaper siblings of popular models, with list prices in USD per million tokens (input, cached input,
 * output) as published by OpenAI, Anthropic and Google, checked 2025-01-15. A hint table for the
 * "cheaper model" recommendation only: what is actually charged comes from the pricing catalog.
 * A model matches an entry by name, optionally with a provider prefix ({@code openai/gpt-4o}) and a
 * dated or {@code -latest} suffix ({@code gpt-4o-2024-08-06}, {@code claude-3-5-sonnet-20241022}).
 */
final class ModelFamilies {

    record Prices(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {

        static Prices of(String input, String cachedInput, String output) {
            return new Prices(new BigDecimal(input), new BigDecimal(cachedInput), new BigDecimal(output));
        }
    }

    record Downgrade(String model, String cheaper, Prices cheaperPrices) {
    }

    static final List<Downgrade> TABLE = List.of(
            new Downgrade("gpt-4o", "gpt-4o-mini", Prices.of("0.15", "0.075", "0.60")),
            new Downgrade("gpt-4.1", "gpt-4.1-mini", Prices.of("0.40", "0.10", "1.60")),
            new Downgrade("gpt-4.1-mini", "gpt-4.1-nano", Prices.of("0.10", "0.025", "0.40")),
            new Downgrade("claude-3-5-sonnet", "claude-3-5-haiku", Prices.of("0.80", "0.08", "4.00")),
            new Downgrade("claude-3-opus", "claude-3-haiku", Prices.of("0.25", "0.03", "1.25")),
            new Downgrade("gemini-1.5-pro", "gemini-1.5-flash", Prices.of("0.075", "0.01875", "0.30")));

    private static final Pattern SUFFIX = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8}|latest)");

    private ModelFamilies() {
    }

    static Optional<Downgrade> downgradeFor(String model) {
        String name = model.substring(model.lastIndexOf('/') + 1);
        for (Downgrade d : TABLE) {
            if (name.equals(d.model())
                    || name.startsWith(d.model()) && SUFFIX.matcher(name.substring(d.model().length())).matches()) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
