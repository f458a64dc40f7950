package io.aihub.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Malformed, mistyped, unknown, oversize and unauthenticated input: a clear 4xx, never a 500, nothing changed. */
class BadInputApiTests extends IntegrationTest {

    @Test
    void malformedJsonIs400() {
        var response = api.post("/api/v1/organizations", MASTER_KEY, "{\"name\": ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(response.field("code")).isEqualTo("malformed_request");
        assertThat(response.json().get("status").asInt()).isEqualTo(400);
    }

    @Test
    void wrongTypeNamesTheField() {
        var response = api.post("/api/v1/organizations", MASTER_KEY, "{\"name\": {\"nested\": true}}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.field("field")).isEqualTo("name");
        var number = api.post("/api/v1/organizations", MASTER_KEY, "{\"name\": 123}");
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.field("field")).isEqualTo("name");
    }

    @Test
    void unknownFieldsAreNamed() {
        var response = api.post("/api/v1/organizations", MASTER_KEY, "{\"name\": \"x\", \"nmae\": \"typo\"}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.field("field")).isEqualTo("nmae");
    }

    @Test
    void missingBodyAndMissingNameAreClear() {
        assertThat(api.post("/api/v1/organizations", MASTER_KEY, "").status()).isEqualTo(400);
        var blank = api.post("/api/v1/organizations", MASTER_KEY, Map.of("name", "  "));
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.field("field")).isEqualTo("name");
    }

    @Test
    void oversizeBodiesAre413() {
        String huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        var response = api.post("/api/v1/organizations", MASTER_KEY, huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.field("code")).isEqualTo("payload_too_large");
    }

    @Test
    void wrongMethodAndMediaTypeAndRoute() {
        assertThat(api.send("PUT", "/api/v1/auth/login", null, "{}", Map.of()).status()).isEqualTo(405);
        assertThat(api.send("DELETE", "/api/v1/organizations", MASTER_KEY, null, Map.of()).status()).isEqualTo(405);
        assertThat(api.send("POST", "/api/v1/organizations", MASTER_KEY, "name=x",
                Map.of("Content-Type", "application/x-www-form-urlencoded")).status()).isEqualTo(415);
        assertThat(api.get("/api/v1/nothing-here", MASTER_KEY).status()).isEqualTo(404);
    }

    @Test
    void missingOrBadTokensAre401() {
        assertThat(api.get("/api/v1/organizations", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/organizations", "not-the-master-key").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/organizations", "ses_forged").status()).isEqualTo(401);
        var basic = api.send("GET", "/api/v1/organizations", null, null, Map.of("Authorization", "Basic Zm9vOmJhcg=="));
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.body()).doesNotContain("Zm9vOmJhcg");
    }

    @Test
    void badInputChangesNothing() {
        var before = api.get("/api/v1/organizations?limit=200", MASTER_KEY).json().get("data").size();
        api.post("/api/v1/organizations", MASTER_KEY, Map.of("name", "ok", "timezone", "Nowhere/Land"));
        api.post("/api/v1/organizations", MASTER_KEY, "{\"name\": 1}");
        var after = api.get("/api/v1/organizations?limit=200", MASTER_KEY).json().get("data").size();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void openApiHealthAndMetricsAreServed() {
        var docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/organizations")).isTrue();
        assertThat(api.get("/actuator/health", null).field("status")).isEqualTo("UP");
        assertThat(api.get("/actuator/prometheus", null).body()).contains("jvm_memory_used_bytes");
    }
}
