package io.aihub.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The shipped list prices ({@code pricing/default-prices.yaml}), offered when a model is added
 * without its own pricing. Lookup is by longest prefix so dated snapshots
 * ({@code claude-3-5-haiku-20241022}, {@code gpt-4o-2024-08-06}) find their family's price.
 */
@Component
class DefaultPrices {

    record Entry(ModelPrice price, int maxOutputTokens) {
    }

    private final TreeMap<String, Entry> byModel = new TreeMap<>();

    DefaultPrices() {
        this("pricing/default-prices.yaml");
    }

    @SuppressWarnings("unchecked")
    DefaultPrices(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            for (Map<String, Object> row : (List<Map<String, Object>>) root.get("prices")) {
                ModelPrice price = new ModelPrice(decimal(row.get("input")), decimal(row.get("cached_input")),
                        decimal(row.get("output")), Instant.EPOCH);
                byModel.put(((String) row.get("model")).toLowerCase(Locale.ROOT),
                        new Entry(price, ((Number) row.get("max_output_tokens")).intValue()));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the default price table " + resource + ": " + e.getMessage(), e);
        }
    }

    Optional<Entry> lookup(String model) {
        if (model == null) {
            return Optional.empty();
        }
        String name = model.toLowerCase(Locale.ROOT);
        int slash = name.lastIndexOf('/');
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        // Longest key that is a prefix of the name, on a token boundary ("o1" must not match "o100").
        for (var entry = byModel.floorEntry(name); entry != null; entry = byModel.lowerEntry(entry.getKey())) {
            String key = entry.getKey();
            if (name.startsWith(key) && (name.length() == key.length() || !Character.isLetterOrDigit(name.charAt(key.length()))
                    && name.charAt(key.length()) != '.')) {
                return Optional.of(entry.getValue());
            }
            if (key.isEmpty() || key.charAt(0) != name.charAt(0)) {
                break;
            }
        }
        return Optional.empty();
    }

    int size() {
        return byModel.size();
    }

    private static BigDecimal decimal(Object value) {
        return new BigDecimal(value.toString());
    }
}
