package io.aihub.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the catalog from {@code AIHUB_MODELS_FILE} at start-up, before the server accepts
 * requests: every model in the file is upserted by name (models not in the file are left alone).
 * String values may reference environment variables or properties as {@code ${OPENAI_API_KEY}},
 * so the file itself holds no secrets. A broken file stops start-up with the model and setting
 * named, never the value.
 *
 * <pre>
 * models:
 *   - name: gpt-4o-mini
 *     deployments:
 *       - {provider: openai, base_url: https://api.openai.com/v1, upstream_model: gpt-4o-mini, api_key: ${OPENAI_API_KEY}}
 *     pricing: {input_per_million: "0.15", cached_input_per_million: "0.075", output_per_million: "0.60"}
 *     max_output_tokens: 16384
 * </pre>
 */
@Component
class ModelSeed implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ModelSeed.class);

    private final String file;
    private final ModelAdministration models;
    private final Environment environment;
    private final JsonMapper json;

    ModelSeed(@Value("${aihub.models-file:}") String file, ModelAdministration models, Environment environment,
            JsonMapper json) {
        this.file = file;
        this.models = models;
        this.environment = environment;
        this.json = json;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (file == null || file.isBlank()) {
            return;
        }
        List<Object> entries;
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(root instanceof Map<?, ?> map) || !(map.get("models") instanceof List<?> list)) {
                throw new IllegalStateException("AIHUB_MODELS_FILE " + file + ": expected a top-level 'models:' list");
            }
            entries = new ArrayList<>(list);
        } catch (IOException e) {
            throw new IllegalStateException("AIHUB_MODELS_FILE " + file + " cannot be read: " + e.getMessage(), e);
        }
        int index = 0;
        for (Object entry : entries) {
            String label = "AIHUB_MODELS_FILE " + file + ", models[" + index++ + "]";
            try {
                ModelBody body = json.convertValue(resolve(entry), ModelBody.class);
                label += " (" + body.name() + ")";
                models.put(body.name(), body);
            } catch (io.aihub.common.ApiException e) {
                throw new IllegalStateException(label + ": " + (e.error().field() == null ? "" : e.error().field() + ": ")
                        + e.error().detail());
            } catch (RuntimeException e) {
                throw new IllegalStateException(label + ": " + e.getMessage());
            }
        }
        log.info("Model catalog: seeded {} model(s) from {}", entries.size(), file);
    }

    /** Resolves ${...} references in every string of the tree. */
    private Object resolve(Object node) {
        if (node instanceof String s) {
            return environment.resolveRequiredPlaceholders(s);
        }
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, resolve(v)));
            return out;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(this::resolve).toList();
        }
        return node;
    }
}
