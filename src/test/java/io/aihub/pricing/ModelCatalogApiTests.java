package io.aihub.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** /api/v1/models over real HTTP: CRUD, names with slashes, bad input, master only, secrets never shown. */
class ModelCatalogApiTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ModelCatalog catalog;

    private static Map<String, Object> body(String name, String apiKey) {
        Map<String, Object> deployment = new LinkedHashMap<>();
        deployment.put("provider", "openai");
        deployment.put("base_url", "https://api.example.test/v1");
        deployment.put("upstream_model", "gpt-4o-mini");
        deployment.put("api_key", apiKey);
        deployment.put("weight", 3);
        deployment.put("extra_headers", Map.of("OpenAI-Organization", "org-abc"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("deployments", List.of(deployment));
        body.put("pricing", Map.of("input_per_million", "0.15", "cached_input_per_million", "0.075",
                "output_per_million", "0.60"));
        body.put("max_output_tokens", 16384);
        return body;
    }

    @Test
    void createsReadsUpdatesAndDeletesAModelWhoseNameHasASlash() {
        String name = "openai/gpt-4o-mini-" + unique();
        var created = api.post("/api/v1/models", MASTER_KEY, body(name, "sk-secret-" + unique()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode json = created.json();
        assertThat(json.get("name").asString()).isEqualTo(name);
        assertThat(json.get("deployments").get(0).get("has_api_key").asBoolean()).isTrue();
        assertThat(json.get("deployments").get(0).get("weight").asInt()).isEqualTo(3);
        assertThat(json.get("pricing").get("input_per_million").decimalValue()).isEqualByComparingTo("0.15");
        assertThat(json.get("pricing").get("output_per_million").decimalValue()).isEqualByComparingTo("0.60");
        assertThat(json.get("max_output_tokens").asInt()).isEqualTo(16384);

        var plain = api.get("/api/v1/models/" + name, MASTER_KEY);
        var encoded = api.get("/api/v1/models/" + name.replace("/", "%2F"), MASTER_KEY);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(encoded.status()).as(encoded.toString()).isEqualTo(200);
        assertThat(encoded.json().get("name").asString()).isEqualTo(name);

        Map<String, Object> update = body(name, null);
        update.put("pricing", Map.of("input_per_million", "0.20", "output_per_million", "0.80"));
        update.put("max_output_tokens", 8000);
        var updated = api.put("/api/v1/models/" + name, MASTER_KEY, update);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("max_output_tokens").asInt()).isEqualTo(8000);
        assertThat(updated.json().get("pricing").get("input_per_million").decimalValue()).isEqualByComparingTo("0.20");
        // Without a cached price the input price applies to cached tokens too.
        assertThat(updated.json().get("pricing").get("cached_input_per_million").decimalValue()).isEqualByComparingTo("0.20");
        // The old price stays in the history for old usage; the credential was kept although not resent.
        assertThat(updated.json().get("price_history")).hasSize(2);
        assertThat(updated.json().get("deployments").get(0).get("has_api_key").asBoolean()).isTrue();

        assertThat(api.delete("/api/v1/models/" + name.replace("/", "%2F"), MASTER_KEY).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/models/" + name, MASTER_KEY).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/models/" + name, MASTER_KEY).status()).isEqualTo(404);
    }

    @Test
    void listsModelsByNameWithCursorPaginationIncludingTheBuiltInDemo() {
        String prefix = "list-" + unique();
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/v1/models", MASTER_KEY, body(prefix + "/m" + i, null)).status()).isEqualTo(201);
        }
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            var page = api.get("/api/v1/models?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), MASTER_KEY);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("data").forEach(m -> names.add(m.get("name").asString()));
            cursor = page.json().get("has_more").asBoolean() ? page.field("next_cursor") : null;
        } while (cursor != null);
        assertThat(names).contains(prefix + "/m0", prefix + "/m1", prefix + "/m2", "demo/echo");
        assertThat(names).isSorted().doesNotHaveDuplicates();
        var demo = api.get("/api/v1/models/demo/echo", MASTER_KEY);
        assertThat(demo.json().get("built_in").asBoolean()).isTrue();
        assertThat(demo.json().get("pricing").get("input_per_million").decimalValue()).isEqualByComparingTo("0.15");
    }

    @Test
    void theUpstreamCredentialIsEncryptedAtRestAndNeverReturned() {
        String secret = "sk-live-" + unique() + unique();
        String name = "secret-" + unique();
        var created = api.post("/api/v1/models", MASTER_KEY, body(name, secret));
        assertThat(created.body()).doesNotContain(secret);
        assertThat(api.get("/api/v1/models/" + name, MASTER_KEY).body()).doesNotContain(secret);
        assertThat(api.get("/api/v1/models?limit=200", MASTER_KEY).body()).doesNotContain(secret);
        assertThat(api.put("/api/v1/models/" + name, MASTER_KEY, body(name, secret)).body()).doesNotContain(secret);

        String sealed = jdbc.sql("select api_key_sealed from model_deployments where model_name = ?").param(name)
                .query(String.class).single();
        assertThat(sealed).startsWith("v1:").doesNotContain(secret);
        List<Map<String, Object>> rows = jdbc.sql("select * from model_deployments where model_name = ?").param(name)
                .query().listOfRows();
        assertThat(rows.toString()).doesNotContain(secret);
    }

    @Test
    void aModelWithoutPricingTakesTheDefaultListPriceOrIsRefused() {
        Map<String, Object> known = body("gpt-4o-" + unique(), null);
        known.remove("pricing");
        known.remove("max_output_tokens");
        @SuppressWarnings("unchecked")
        var deployment = (Map<String, Object>) ((List<?>) known.get("deployments")).getFirst();
        deployment.put("upstream_model", "gpt-4o-2024-08-06");
        var created = api.post("/api/v1/models", MASTER_KEY, known);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("pricing").get("input_per_million").decimalValue()).isEqualByComparingTo("2.50");
        assertThat(created.json().get("pricing").get("output_per_million").decimalValue()).isEqualByComparingTo("10");
        assertThat(created.json().get("max_output_tokens").asInt()).isEqualTo(16384);

        Map<String, Object> unknown = body("mystery-" + unique(), null);
        unknown.remove("pricing");
        deployment = (Map<String, Object>) ((List<?>) unknown.get("deployments")).getFirst();
        deployment.put("upstream_model", "mystery-model");
        var refused = api.post("/api/v1/models", MASTER_KEY, unknown);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.field("field")).isEqualTo("pricing");
    }

    @Test
    void badInputIsRefusedWithTheFieldAtFault() {
        String name = "bad-" + unique();
        Map<String, Object> noDeployments = body(name, null);
        noDeployments.put("deployments", List.of());
        assertInvalid(api.post("/api/v1/models", MASTER_KEY, noDeployments), 422, "deployments");

        Map<String, Object> badProvider = body(name, null);
        ((Map<String, Object>) ((List<?>) badProvider.get("deployments")).getFirst()).put("provider", "skynet");
        assertInvalid(api.post("/api/v1/models", MASTER_KEY, badProvider), 422, "deployments[0].provider");

        Map<String, Object> badUrl = body(name, null);
        ((Map<String, Object>) ((List<?>) badUrl.get("deployments")).getFirst()).put("base_url", "ftp://x");
        assertInvalid(api.post("/api/v1/models", MASTER_KEY, badUrl), 422, "deployments[0].base_url");

        Map<String, Object> negative = body(name, null);
        negative.put("pricing", Map.of("input_per_million", "-1", "output_per_million", "1"));
        assertInvalid(api.post("/api/v1/models", MASTER_KEY, negative), 422, "pricing.input_per_million");

        assertInvalid(api.post("/api/v1/models", MASTER_KEY, body("bad name!", null)), 422, "name");
        assertInvalid(api.post("/api/v1/models", MASTER_KEY, body("/leading", null)), 422, "name");

        Map<String, Object> unknownField = body(name, null);
        unknownField.put("colour", "blue");
        assertInvalid(api.post("/api/v1/models", MASTER_KEY, unknownField), 400, "colour");
        assertThat(api.post("/api/v1/models", MASTER_KEY, "{not json").status()).isEqualTo(400);

        assertThat(api.post("/api/v1/models", MASTER_KEY, body(name, null)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/models", MASTER_KEY, body(name, null)).status()).isEqualTo(409);
        Map<String, Object> renamed = body("other-" + unique(), null);
        assertInvalid(api.put("/api/v1/models/" + name, MASTER_KEY, renamed), 422, "name");
        // Nothing of the refused writes was stored.
        assertThat(api.get("/api/v1/models/bad%20name!", MASTER_KEY).status()).isIn(400, 404);
    }

    @Test
    void onlyTheMasterKeyManagesTheCatalog() {
        String orgId = createOrganization(MASTER_KEY, "Catalog");
        String owner = userWithRole(orgId, "owner").token();
        String name = "guarded-" + unique();
        assertThat(api.post("/api/v1/models", owner, body(name, "sk-x")).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/models", MASTER_KEY, body(name, "sk-x")).status()).isEqualTo(201);
        assertThat(api.get("/api/v1/models", owner).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/models/" + name, owner).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/models/" + name, owner, body(name, null)).status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/models/" + name, owner).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/models", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/models/" + name, MASTER_KEY).status()).isEqualTo(200);
    }

    private static void assertInvalid(io.aihub.support.Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.field("field")).as(response.toString()).isEqualTo(field);
    }

    @Test
    void pricesTakeEffectOnTheirDateSoOldUsageKeepsItsPrice() {
        String name = "dated-" + unique();
        Map<String, Object> body = body(name, null);
        body.put("pricing", Map.of("input_per_million", "1.00", "output_per_million", "2.00",
                "effective_from", "2024-01-01T00:00:00Z"));
        assertThat(api.post("/api/v1/models", MASTER_KEY, body).status()).isEqualTo(201);
        body.put("pricing", Map.of("input_per_million", "3.00", "output_per_million", "4.00",
                "effective_from", "2099-01-01T00:00:00Z"));
        var updated = api.put("/api/v1/models/" + name, MASTER_KEY, body);
        assertThat(updated.status()).isEqualTo(200);
        // The future price is scheduled, not yet in force.
        assertThat(updated.json().get("pricing").get("input_per_million").decimalValue()).isEqualByComparingTo("1");
        assertThat(updated.json().get("price_history")).hasSize(2);

        java.time.Instant beforeAll = java.time.Instant.parse("2023-06-01T00:00:00Z");
        java.time.Instant during = java.time.Instant.parse("2050-06-01T00:00:00Z");
        java.time.Instant after = java.time.Instant.parse("2099-01-01T00:00:00Z");
        assertThat(catalog.priceAt(name, beforeAll).inputPerMillion()).isEqualByComparingTo("1");
        assertThat(catalog.priceAt(name, during).inputPerMillion()).isEqualByComparingTo("1");
        assertThat(catalog.priceAt(name, after).inputPerMillion()).isEqualByComparingTo("3");
        assertThat(catalog.priceAt(name, after).outputPerMillion()).isEqualByComparingTo("4");
    }
}
