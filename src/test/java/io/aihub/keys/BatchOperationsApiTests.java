package io.aihub.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Batch revoke/update/extend_expiry: per-key results, all_or_nothing as one transaction, the 1,000 cap. */
class BatchOperationsApiTests extends KeysTest {

    @Autowired
    ApiKeyService keys;

    private String orgId;
    private String batch;

    @BeforeEach
    void organization() {
        orgId = createOrganization(MASTER_KEY, "Batch");
        batch = keysOf(orgId) + "/batch-operations";
    }

    private static JsonNode result(JsonNode response, int index) {
        return response.get("results").get(index);
    }

    @Test
    void revokeReportsEachKeyAndAppliesTheGoodOnes() {
        var a = createKey(orgId, MASTER_KEY);
        var b = createKey(orgId, MASTER_KEY);
        String foreign = createKey(createOrganization(MASTER_KEY, "Other"), MASTER_KEY).field("id");
        var response = api.post(batch, MASTER_KEY, Map.of("operation", "revoke",
                "key_ids", List.of(a.field("id"), foreign, b.field("id"), "key-missing")));
        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("succeeded").asInt()).isEqualTo(2);
        assertThat(json.get("failed").asInt()).isEqualTo(2);
        assertThat(result(json, 0).get("ok").asBoolean()).isTrue();
        assertThat(result(json, 0).has("error")).isFalse();
        assertThat(result(json, 1).get("key_id").asString()).isEqualTo(foreign);
        assertThat(result(json, 1).get("error").get("code").asString()).isEqualTo("not_found");
        assertThat(result(json, 3).get("error").get("code").asString()).isEqualTo("not_found");
        assertThat(api.get(key(a.field("id")), MASTER_KEY).field("status")).isEqualTo("revoked");
        assertThat(api.get(key(b.field("id")), MASTER_KEY).field("status")).isEqualTo("revoked");
        assertThat(api.get(key(foreign), MASTER_KEY).field("status")).isEqualTo("active");
        assertThat(keys.validate(a.field("api_key"))).isInstanceOf(KeyValidation.Rejected.class);
    }

    @Test
    void allOrNothingRollsEverythingBackWhenOneKeyFails() {
        TestUser member = userWithRole(orgId, "member");
        var own = createKey(orgId, member.token());
        var others = createKey(orgId, MASTER_KEY);
        keys.validate(own.field("api_key")); // cached before the batch
        var response = api.post(batch, member.token(), Map.of("operation", "revoke", "all_or_nothing", true,
                "key_ids", List.of(own.field("id"), others.field("id"))));
        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("rolled_back").asBoolean()).isTrue();
        assertThat(json.get("succeeded").asInt()).isZero();
        assertThat(result(json, 0).get("error").get("code").asString()).isEqualTo("rolled_back");
        assertThat(result(json, 1).get("error").get("code").asString()).isEqualTo("forbidden");
        assertThat(api.get(key(own.field("id")), MASTER_KEY).field("status")).isEqualTo("active");
        assertThat(keys.validate(own.field("api_key"))).isInstanceOf(KeyValidation.Valid.class);

        var ok = api.post(batch, member.token(), Map.of("operation", "revoke", "all_or_nothing", true,
                "key_ids", List.of(own.field("id"))));
        assertThat(ok.json().get("rolled_back").asBoolean()).isFalse();
        assertThat(ok.json().get("succeeded").asInt()).isEqualTo(1);
        assertThat(keys.validate(own.field("api_key"))).isInstanceOf(KeyValidation.Rejected.class);
    }

    @Test
    void updateAppliesPartialChangesToEveryKey() {
        var a = createKey(orgId, MASTER_KEY, body("name", "a", "rate_limit_per_minute", 1));
        var b = createKey(orgId, MASTER_KEY, body("name", "b"));
        var response = api.post(batch, MASTER_KEY, Map.of("operation", "update",
                "key_ids", List.of(a.field("id"), b.field("id")),
                "changes", Map.of("monthly_request_quota", 500, "metadata", Map.of("batch", true))));
        assertThat(response.json().get("succeeded").asInt()).isEqualTo(2);
        var after = api.get(key(a.field("id")), MASTER_KEY).json();
        assertThat(after.get("monthly_request_quota").asLong()).isEqualTo(500);
        assertThat(after.get("rate_limit_per_minute").asInt()).isEqualTo(1);
        assertThat(after.get("name").asString()).isEqualTo("a");
        assertThat(after.get("metadata").get("batch").asBoolean()).isTrue();
        var principal = ((KeyValidation.Valid) keys.validate(b.field("api_key"))).principal();
        assertThat(principal.monthlyRequestQuota()).isEqualTo(500L);
    }

    @Test
    void extendExpiryRevivesExpiredKeys() {
        var k = createKey(orgId, MASTER_KEY, body("name", "k", "expires_at", clock.instant().plusSeconds(60).toString()));
        clock.advance(Duration.ofMinutes(2));
        assertThat(api.get(key(k.field("id")), MASTER_KEY).field("status")).isEqualTo("expired");
        Instant later = clock.instant().plus(Duration.ofDays(90));
        var response = api.post(batch, MASTER_KEY, Map.of("operation", "extend_expiry",
                "key_ids", List.of(k.field("id")), "expires_at", later.toString()));
        assertThat(response.json().get("succeeded").asInt()).isEqualTo(1);
        var after = api.get(key(k.field("id")), MASTER_KEY);
        assertThat(after.field("status")).isEqualTo("active");
        assertThat(Instant.parse(after.field("expires_at"))).isEqualTo(later);
        assertThat(keys.validate(k.field("api_key"))).isInstanceOf(KeyValidation.Valid.class);
    }

    @Test
    void badBatchesAre4xxAndChangeNothing() {
        String id = createKey(orgId, MASTER_KEY).field("id");
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) tooMany.add("key-" + i);
        var big = api.post(batch, MASTER_KEY, Map.of("operation", "revoke", "key_ids", tooMany));
        assertThat(big.status()).isEqualTo(422);
        assertThat(big.field("field")).isEqualTo("key_ids");
        var op = api.post(batch, MASTER_KEY, Map.of("operation", "delete", "key_ids", List.of(id)));
        assertThat(op.status()).isEqualTo(422);
        assertThat(op.field("field")).isEqualTo("operation");
        assertThat(api.post(batch, MASTER_KEY, Map.of("operation", "revoke", "key_ids", List.of())).field("field"))
                .isEqualTo("key_ids");
        var noChanges = api.post(batch, MASTER_KEY, Map.of("operation", "update", "key_ids", List.of(id)));
        assertThat(noChanges.status()).isEqualTo(422);
        assertThat(noChanges.field("field")).isEqualTo("changes");
        var badChange = api.post(batch, MASTER_KEY, Map.of("operation", "update", "key_ids", List.of(id),
                "changes", Map.of("rate_limit_per_minute", 0)));
        assertThat(badChange.status()).isEqualTo(422);
        assertThat(badChange.field("field")).isEqualTo("changes.rate_limit_per_minute");
        var unknownChange = api.post(batch, MASTER_KEY, Map.of("operation", "update", "key_ids", List.of(id),
                "changes", Map.of("colour", "red")));
        assertThat(unknownChange.status()).isEqualTo(400);
        assertThat(unknownChange.field("field")).isEqualTo("changes.colour");
        var pastExpiry = api.post(batch, MASTER_KEY, Map.of("operation", "extend_expiry", "key_ids", List.of(id),
                "expires_at", "2001-01-01T00:00:00Z"));
        assertThat(pastExpiry.field("field")).isEqualTo("expires_at");
        assertThat(api.post(batch, MASTER_KEY, Map.of("operation", "extend_expiry", "key_ids", List.of(id)))
                .field("field")).isEqualTo("expires_at");
        assertThat(api.post(batch, MASTER_KEY, "{\"operation\": \"revoke\", \"key_ids\": \"all\"}").status())
                .isEqualTo(400);
        var after = api.get(key(id), MASTER_KEY);
        assertThat(after.field("status")).isEqualTo("active");
        assertThat(after.json().get("rate_limit_per_minute").isNull()).isTrue();
    }

    @Test
    void membersBatchOnlyTheirOwnKeys() {
        TestUser member = userWithRole(orgId, "member");
        var own = createKey(orgId, member.token());
        var others = createKey(orgId, MASTER_KEY);
        var response = api.post(batch, member.token(), Map.of("operation", "update",
                "key_ids", List.of(own.field("id"), others.field("id")), "changes", Map.of("name", "renamed")));
        JsonNode json = response.json();
        assertThat(result(json, 0).get("ok").asBoolean()).isTrue();
        assertThat(result(json, 1).get("error").get("code").asString()).isEqualTo("forbidden");
        assertThat(api.get(key(own.field("id")), MASTER_KEY).field("name")).isEqualTo("renamed");
        assertThat(api.get(key(others.field("id")), MASTER_KEY).field("name")).isNotEqualTo("renamed");
        TestUser viewer = userWithRole(orgId, "viewer");
        assertThat(api.post(batch, viewer.token(), Map.of("operation", "revoke", "key_ids", List.of(own.field("id"))))
                .status()).isEqualTo(403);
    }
}
