package io.aihub.gateway;

import io.aihub.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Gateway tests: catalog models pointing at loopback fakes, an organization with a test key, usage lookups. */
abstract class GatewayTest extends IntegrationTest {

    @Autowired
    protected JdbcClient jdbc;

    protected String orgId;
    /** The plaintext secret of a real, unrestricted API key of {@link #orgId}. */
    protected String key;
    protected String keyId;

    @org.junit.jupiter.api.BeforeEach
    void organizationWithKey() {
        orgId = createOrganization(MASTER_KEY, "Gateway");
        TestKey created = createApiKey(orgId);
        key = created.secret();
        keyId = created.id();
    }

    protected static Map<String, Object> deployment(String provider, String baseUrl, String upstreamModel, String apiKey,
            int weight) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("provider", provider);
        d.put("base_url", baseUrl);
        d.put("upstream_model", upstreamModel);
        if (apiKey != null) {
            d.put("api_key", apiKey);
        }
        d.put("weight", weight);
        return d;
    }

    /** Creates a model with the given deployments, priced 2.50 / 1.25 / 10.00 per million; returns its name. */
    protected String model(List<Map<String, Object>> deployments) {
        String name = "test/m-" + unique();
        var created = api.post("/api/v1/models", MASTER_KEY, Map.of("name", name, "deployments", deployments,
                "pricing", Map.of("input_per_million", "2.50", "cached_input_per_million", "1.25",
                        "output_per_million", "10.00", "effective_from", "2020-01-01T00:00:00Z"),
                "max_output_tokens", 1000));
        if (created.status() != 201) {
            throw new AssertionError("create model: " + created);
        }
        return name;
    }

    protected static Map<String, Object> chat(String model, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", List.of(Map.of("role", "user", "content", text)));
        return body;
    }

    record Usage(String requestId, String organizationId, String model, String provider, String deployment,
            String endpoint, long promptTokens, long cachedTokens, long completionTokens, java.math.BigDecimal cost,
            int statusCode, String errorCode, String outcome) {
    }

    protected Optional<Usage> usage(String requestId) {
        return jdbc.sql("""
                select request_id, organization_id, model, provider, deployment, endpoint, prompt_tokens, cached_tokens,
                       completion_tokens, cost, status_code, error_code, outcome
                from usage_records where request_id = ?""").param(requestId)
                .query((rs, i) -> new Usage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                        rs.getBigDecimal(10), rs.getInt(11), rs.getString(12), rs.getString(13)))
                .optional();
    }

    /** The usage record is written after the response; poll briefly for it. */
    protected Usage awaitUsage(String requestId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            Optional<Usage> usage = usage(requestId);
            if (usage.isPresent()) {
                return usage.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no usage record for " + requestId);
    }

    protected List<Usage> usagesOf(String organizationId) {
        List<Usage> all = new ArrayList<>();
        jdbc.sql("select request_id from usage_records where organization_id = ?").param(organizationId)
                .query(String.class).list().forEach(id -> usage(id).ifPresent(all::add));
        return all;
    }
}
