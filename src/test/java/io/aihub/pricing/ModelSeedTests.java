package io.aihub.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

/** AIHUB_MODELS_FILE: upserts by name, resolves ${ENV} references, and fails start-up clearly. */
class ModelSeedTests extends IntegrationTest {

    @Autowired
    ModelAdministration administration;
    @Autowired
    ModelCatalog catalog;
    @Autowired
    JsonMapper json;

    @TempDir
    Path dir;

    private void seed(String yaml, MockEnvironment env) throws IOException {
        Path file = dir.resolve("models-" + unique() + ".yaml");
        Files.writeString(file, yaml);
        new ModelSeed(file.toString(), administration, env, json).afterSingletonsInstantiated();
    }

    @Test
    void upsertsModelsByNameWithCredentialsFromTheEnvironment() throws IOException {
        String name = "seeded/gpt-" + unique();
        MockEnvironment env = new MockEnvironment().withProperty("SEED_OPENAI_KEY", "sk-from-env");
        String yaml = """
                models:
                  - name: %s
                    deployments:
                      - provider: openai
                        base_url: https://api.openai.com/v1
                        upstream_model: gpt-4o-mini
                        api_key: ${SEED_OPENAI_KEY}
                    pricing: {input_per_million: "0.15", output_per_million: "0.60"}
                    max_output_tokens: 16384
                """.formatted(name);
        seed(yaml, env);
        CatalogModel model = catalog.find(name).orElseThrow();
        assertThat(model.deployments().getFirst().credential()).isEqualTo("sk-from-env");
        assertThat(model.maxOutputTokens()).isEqualTo(16384);

        seed(yaml.replace("\"0.60\"", "\"0.70\"").replace("16384", "8000"), env);
        assertThat(catalog.find(name).orElseThrow().maxOutputTokens()).isEqualTo(8000);
        assertThat(catalog.priceHistory(name)).hasSize(2);
        assertThat(catalog.priceHistory(name).getLast().outputPerMillion()).isEqualByComparingTo("0.70");
    }

    @Test
    void aBrokenFileStopsStartUpNamingTheModelAndFieldButNoSecret() {
        MockEnvironment env = new MockEnvironment().withProperty("SEED_SECRET", "sk-do-not-print");
        assertThatThrownBy(() -> seed("""
                models:
                  - name: broken-%s
                    deployments: [{provider: nope, api_key: "${SEED_SECRET}"}]
                """.formatted(unique()), env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken-").hasMessageContaining("deployments[0].provider")
                .hasMessageNotContaining("sk-do-not-print");
        assertThatThrownBy(() -> seed("""
                models:
                  - name: unresolved
                    deployments: [{provider: openai, api_key: "${NOT_SET_ANYWHERE}"}]
                """, env))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NOT_SET_ANYWHERE");
        assertThatThrownBy(() -> seed("just: text", env)).hasMessageContaining("models:");
    }
}
