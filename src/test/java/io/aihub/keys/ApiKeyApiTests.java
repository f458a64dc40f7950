package io.aihub.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The key endpoints over HTTP: success, bad input, roles, and other organizations' keys (404). */
class ApiKeyApiTests extends KeysTest {

    private String orgId;
    private String teamId;

    @BeforeEach
    void organization() {
        orgId = createOrganization(MASTER_KEY, "Keys");
        teamId = api.post("/api/v1/organizations/" + orgId + "/teams", MASTER_KEY, Map.of("name", "platform")).field("id");
    }

    @Test
    void createShowsTheSecretOnceWithItsPrefixAndSettings() {
        Instant expires = clock.instant().plus(Duration.ofDays(30));
        var created = createKey(orgId, MASTER_KEY, body("name", " backend ", "team_id", teamId,
                "permissions", Map.of("models", List.of("gpt-4o*", "demo/*"), "endpoints", List.of("/v1/chat/completions")),
                "monthly_request_quota", 1000, "monthly_token_quota", 500000, "rate_limit_per_minute", 60,
                "tokens_per_minute", 10000, "max_parallel_requests", 4, "expires_at", expires.toString(),
                "metadata", Map.of("owner", "payments", "tier", 2)));
        String secret = created.field("api_key");
        assertThat(secret).matches("org_[A-Za-z0-9_-]{43}");
        assertThat(created.field("key_prefix")).isEqualTo(secret.substring(0, 12));
        assertThat(created.field("id")).startsWith("key-");
        assertThat(created.field("name")).isEqualTo("backend");
        assertThat(created.field("status")).isEqualTo("active");
        assertThat(created.field("team_id")).isEqualTo(teamId);
        assertThat(created.field("created_by")).isEqualTo("master");
        assertThat(created.field("organization_id")).isEqualTo(orgId);
        assertThat(created.json().get("permissions").get("endpoints").get(0).asString()).isEqualTo("chat/completions");
        assertThat(created.json().get("monthly_request_quota").asLong()).isEqualTo(1000);
        assertThat(created.json().get("max_parallel_requests").asInt()).isEqualTo(4);
        assertThat(Instant.parse(created.field("expires_at"))).isEqualTo(expires);
        assertThat(created.json().get("metadata").get("tier").asInt()).isEqualTo(2);
        assertThat(created.json().get("requests_this_month").asLong()).isZero();
        assertThat(created.header("cache-control")).isEqualTo("no-store");
        assertThat(created.body()).doesNotContain("hash");

        var fetched = api.get(key(created.field("id")), MASTER_KEY);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().has("api_key")).isFalse();
        assertThat(fetched.body()).doesNotContain(secret).doesNotContain("hash");
        assertThat(fetched.field("key_prefix")).isEqualTo(created.field("key_prefix"));
        assertThat(fetched.json().get("metadata")).isEqualTo(created.json().get("metadata"));
    }

    @Test
    void listPaginatesAndFiltersWithoutSecrets() {
        TestUser member = userWithRole(orgId, "member");
        List<String> secrets = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            var k = createKey(orgId, MASTER_KEY, body("name", "m" + i, "team_id", teamId));
            secrets.add(k.field("api_key"));
            ids.add(k.field("id"));
        }
        var mine = createKey(orgId, member.token());
        secrets.add(mine.field("api_key"));
        var revoked = createKey(orgId, MASTER_KEY);
        api.post(key(revoked.field("id")) + "/revoke", MASTER_KEY, null);

        var first = api.get(keysOf(orgId) + "?limit=2", MASTER_KEY);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("data")).hasSize(2);
        assertThat(first.json().get("has_more").asBoolean()).isTrue();
        var second = api.get(keysOf(orgId) + "?limit=2&cursor=" + first.field("next_cursor"), MASTER_KEY);
        var third = api.get(keysOf(orgId) + "?limit=2&cursor=" + second.field("next_cursor"), MASTER_KEY);
        assertThat(third.json().get("has_more").asBoolean()).isFalse();
        List<String> all = new ArrayList<>();
        for (var page : List.of(first, second, third)) {
            page.json().get("data").forEach(k -> all.add(k.get("id").asString()));
            for (String secret : secrets) {
                assertThat(page.body()).doesNotContain(secret);
            }
            assertThat(page.body()).doesNotContain("api_key").doesNotContain("hash");
        }
        assertThat(all).hasSize(5).doesNotHaveDuplicates();

        assertThat(ids(api.get(keysOf(orgId) + "?team_id=" + teamId, MASTER_KEY))).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ids(api.get(keysOf(orgId) + "?created_by=" + member.id(), MASTER_KEY))).containsExactly(mine.field("id"));
        assertThat(ids(api.get(keysOf(orgId) + "?status=revoked", MASTER_KEY))).containsExactly(revoked.field("id"));
        assertThat(ids(api.get(keysOf(orgId) + "?status=active", MASTER_KEY))).hasSize(4);
        assertThat(ids(api.get(keysOf(orgId) + "?status=expired", MASTER_KEY))).isEmpty();

        var badStatus = api.get(keysOf(orgId) + "?status=sleeping", MASTER_KEY);
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(badStatus.field("field")).isEqualTo("status");
        assertThat(api.get(keysOf(orgId) + "?limit=0", MASTER_KEY).status()).isEqualTo(400);
    }

    private static List<String> ids(io.aihub.support.Api.Response response) {
        assertThat(response.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("data").forEach(k -> ids.add(k.get("id").asString()));
        return ids;
    }

    @Test
    void updateChangesOnlyWhatIsSentAndNullClears() {
        var created = createKey(orgId, MASTER_KEY, body("name", "before", "monthly_request_quota", 10,
                "rate_limit_per_minute", 5, "team_id", teamId));
        String id = created.field("id");
        var renamed = api.put(key(id), MASTER_KEY, Map.of("name", "after", "tokens_per_minute", 99));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.field("name")).isEqualTo("after");
        assertThat(renamed.json().get("monthly_request_quota").asLong()).isEqualTo(10);
        assertThat(renamed.json().get("tokens_per_minute").asInt()).isEqualTo(99);
        assertThat(renamed.field("team_id")).isEqualTo(teamId);

        var cleared = api.put(key(id), MASTER_KEY, "{\"monthly_request_quota\": null, \"team_id\": null}");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("monthly_request_quota").isNull()).isTrue();
        assertThat(cleared.field("team_id")).isNull();
        assertThat(cleared.json().get("rate_limit_per_minute").asInt()).isEqualTo(5);
        assertThat(api.get(key(id), MASTER_KEY).field("name")).isEqualTo("after");
        assertThat(cleared.json().has("api_key")).isFalse();
    }

    @Test
    void deletingATeamDetachesItsKeys() {
        String id = createKey(orgId, MASTER_KEY, body("name", "teamed", "team_id", teamId)).field("id");
        assertThat(api.delete("/api/v1/organizations/" + orgId + "/teams/" + teamId, MASTER_KEY).status()).isEqualTo(204);
        var after = api.get(key(id), MASTER_KEY);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.field("team_id")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "name                  | {\"name\": \"  \"}",
            "name                  | {\"name\": null}",
            "team_id               | {\"name\": \"k\", \"team_id\": \"team-unknown\"}",
            "monthly_request_quota | {\"name\": \"k\", \"monthly_request_quota\": 0}",
            "monthly_token_quota   | {\"name\": \"k\", \"monthly_token_quota\": -5}",
            "rate_limit_per_minute | {\"name\": \"k\", \"rate_limit_per_minute\": 0}",
            "tokens_per_minute     | {\"name\": \"k\", \"tokens_per_minute\": -1}",
            "max_parallel_requests | {\"name\": \"k\", \"max_parallel_requests\": 0}",
            "expires_at            | {\"name\": \"k\", \"expires_at\": \"2001-01-01T00:00:00Z\"}",
            "metadata              | {\"name\": \"k\", \"metadata\": [1, 2]}",
            "permissions.models    | {\"name\": \"k\", \"permissions\": {\"models\": [\"gpt 4\"]}}",
            "permissions.models    | {\"name\": \"k\", \"permissions\": {\"models\": [\"\"]}}",
            "permissions.endpoints | {\"name\": \"k\", \"permissions\": {\"endpoints\": [\"images/generations\"]}}",
    })
    void invalidSettingsAre422NamingTheField(String field, String json) {
        var response = api.post(keysOf(orgId), MASTER_KEY, json);
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.field("field")).isEqualTo(field);
        assertThat(response.field("code")).isEqualTo("invalid_field");
    }

    @Test
    void oversizeCollectionsAndNamesAre422() {
        var longName = api.post(keysOf(orgId), MASTER_KEY, Map.of("name", "n".repeat(201)));
        assertThat(longName.field("field")).isEqualTo("name");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) many.add("model-" + i);
        var tooMany = api.post(keysOf(orgId), MASTER_KEY, body("name", "k", "permissions", Map.of("models", many)));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.field("field")).isEqualTo("permissions.models");
        Map<String, Object> wide = new java.util.HashMap<>();
        for (int i = 0; i < 51; i++) wide.put("k" + i, i);
        assertThat(api.post(keysOf(orgId), MASTER_KEY, body("name", "k", "metadata", wide)).field("field"))
                .isEqualTo("metadata");
        var big = api.post(keysOf(orgId), MASTER_KEY, body("name", "k", "metadata", Map.of("blob", "x".repeat(4100))));
        assertThat(big.status()).isEqualTo(422);
        assertThat(big.field("field")).isEqualTo("metadata");
        var foreignTeam = api.post("/api/v1/organizations/" + createOrganization(MASTER_KEY, "Other") + "/teams",
                MASTER_KEY, Map.of("name", "t")).field("id");
        assertThat(api.post(keysOf(orgId), MASTER_KEY, Map.of("name", "k", "team_id", foreignTeam)).field("field"))
                .isEqualTo("team_id");
        // Nothing was created by any of these.
        assertThat(api.get(keysOf(orgId), MASTER_KEY).json().get("data")).isEmpty();
    }

    @Test
    void malformedBodiesAre400NamingTheField() {
        var unknown = api.post(keysOf(orgId), MASTER_KEY, "{\"name\": \"k\", \"nmae\": \"x\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.field("field")).isEqualTo("nmae");
        var wrongType = api.post(keysOf(orgId), MASTER_KEY, "{\"name\": \"k\", \"rate_limit_per_minute\": \"fast\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.field("field")).isEqualTo("rate_limit_per_minute");
        String id = createKey(orgId, MASTER_KEY).field("id");
        var badUpdate = api.put(key(id), MASTER_KEY, "{\"max_parallel_requests\": \"many\"}");
        assertThat(badUpdate.status()).isEqualTo(400);
        assertThat(badUpdate.field("field")).isEqualTo("max_parallel_requests");
        var unknownUpdate = api.put(key(id), MASTER_KEY, "{\"secret\": \"x\"}");
        assertThat(unknownUpdate.status()).isEqualTo(400);
        assertThat(unknownUpdate.field("field")).isEqualTo("secret");
        var invalidUpdate = api.put(key(id), MASTER_KEY, Map.of("expires_at", "2001-01-01T00:00:00Z"));
        assertThat(invalidUpdate.status()).isEqualTo(422);
        assertThat(invalidUpdate.field("field")).isEqualTo("expires_at");
        assertThat(api.put(key(id), MASTER_KEY, "[1]").status()).isEqualTo(400);
        var badGrace = api.post(key(id) + "/regenerate", MASTER_KEY, Map.of("grace_period_seconds", 604801));
        assertThat(badGrace.status()).isEqualTo(422);
        assertThat(badGrace.field("field")).isEqualTo("grace_period_seconds");
        assertThat(api.post(key(id) + "/regenerate", MASTER_KEY, Map.of("grace_period_seconds", -1)).status())
                .isEqualTo(422);
    }

    @Test
    void revokeIsIdempotentAndRecordsWhoAndWhen() {
        TestUser admin = userWithRole(orgId, "admin");
        String id = createKey(orgId, MASTER_KEY).field("id");
        var revoked = api.post(key(id) + "/revoke", admin.token(), null);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.field("status")).isEqualTo("revoked");
        assertThat(revoked.field("revoked_by")).isEqualTo(admin.id());
        assertThat(revoked.field("revoked_at")).isEqualTo(clock.instant().toString());
        clock.advance(Duration.ofMinutes(5));
        var again = api.post(key(id) + "/revoke", MASTER_KEY, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.field("revoked_by")).isEqualTo(admin.id());
        assertThat(again.field("revoked_at")).isEqualTo(revoked.field("revoked_at"));
        var regenerate = api.post(key(id) + "/regenerate", MASTER_KEY, null);
        assertThat(regenerate.status()).isEqualTo(409);
    }

    @Test
    void regenerateKeepsIdAndSettingsWithANewSecret() {
        var created = createKey(orgId, MASTER_KEY, body("name", "stable", "rate_limit_per_minute", 7));
        var regenerated = api.post(key(created.field("id")) + "/regenerate", MASTER_KEY, null);
        assertThat(regenerated.status()).isEqualTo(200);
        assertThat(regenerated.field("id")).isEqualTo(created.field("id"));
        assertThat(regenerated.field("api_key")).matches("org_[A-Za-z0-9_-]{43}").isNotEqualTo(created.field("api_key"));
        assertThat(regenerated.field("key_prefix")).isEqualTo(regenerated.field("api_key").substring(0, 12));
        assertThat(regenerated.json().get("rate_limit_per_minute").asInt()).isEqualTo(7);
        assertThat(regenerated.field("name")).isEqualTo("stable");
        assertThat(regenerated.field("regenerated_at")).isNotNull();
        assertThat(regenerated.field("previous_key_valid_until")).isNull();
        var withGrace = api.post(key(created.field("id")) + "/regenerate", MASTER_KEY, Map.of("grace_period_seconds", 600));
        assertThat(Instant.parse(withGrace.field("previous_key_valid_until")))
                .isEqualTo(clock.instant().plusSeconds(600));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // role,  create, list, get, update own, update other's, revoke other's, regenerate other's, usage, summary, batch
            "owner,   201,    200,  200, 200,        200,            200,            200,                200,   200,     200",
            "admin,   201,    200,  200, 200,        200,            200,            200,                200,   200,     200",
            "member,  201,    200,  200, 200,        403,            403,            403,                200,   200,     200",
            "viewer,  403,    200,  200, 0,          403,            403,            403,                200,   200,     403",
    })
    void roleMatrix(String role, int create, int list, int get, int updateOwn, int updateOthers, int revokeOthers,
            int regenerateOthers, int usage, int summary, int batch) {
        TestUser user = userWithRole(orgId, role);
        String others = createKey(orgId, MASTER_KEY).field("id");
        var created = api.post(keysOf(orgId), user.token(), Map.of("name", "mine"));
        assertThat(created.status()).as("create").isEqualTo(create);
        assertThat(api.get(keysOf(orgId), user.token()).status()).as("list").isEqualTo(list);
        assertThat(api.get(key(others), user.token()).status()).as("get").isEqualTo(get);
        if (updateOwn != 0) {
            String own = created.field("id");
            assertThat(api.put(key(own), user.token(), Map.of("name", "renamed")).status()).as("update own").isEqualTo(updateOwn);
            assertThat(api.post(key(own) + "/regenerate", user.token(), null).status()).as("regenerate own").isEqualTo(200);
            assertThat(api.post(key(own) + "/revoke", user.token(), null).status()).as("revoke own").isEqualTo(200);
        }
        assertThat(api.put(key(others), user.token(), Map.of("name", "x")).status()).as("update other's").isEqualTo(updateOthers);
        assertThat(api.post(key(others) + "/regenerate", user.token(), null).status()).as("regenerate other's")
                .isEqualTo(regenerateOthers);
        assertThat(api.get(key(others) + "/usage", user.token()).status()).as("usage").isEqualTo(usage);
        assertThat(api.get(keysOf(orgId) + "/summary", user.token()).status()).as("summary").isEqualTo(summary);
        assertThat(api.post(keysOf(orgId) + "/batch-operations", user.token(),
                Map.of("operation", "revoke", "key_ids", List.of("key-unknown"))).status()).as("batch").isEqualTo(batch);
        assertThat(api.post(key(others) + "/revoke", user.token(), null).status()).as("revoke other's").isEqualTo(revokeOthers);
        // Whatever was refused changed nothing.
        JsonNode after = api.get(key(others), MASTER_KEY).json();
        assertThat(after.get("status").asString()).isEqualTo(revokeOthers == 200 ? "revoked" : "active");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"owner", "admin", "member", "viewer"})
    void anotherOrganizationsKeysAnswer404ForEveryRole(String role) {
        TestUser user = userWithRole(orgId, role);
        String otherOrg = createOrganization(MASTER_KEY, "Elsewhere");
        var foreign = createKey(otherOrg, MASTER_KEY, Map.of("name", "theirs"));
        String id = foreign.field("id");

        assertThat(api.post(keysOf(otherOrg), user.token(), Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(api.get(keysOf(otherOrg), user.token()).status()).isEqualTo(404);
        assertThat(api.get(keysOf(otherOrg) + "/summary", user.token()).status()).isEqualTo(404);
        assertThat(api.post(keysOf(otherOrg) + "/batch-operations", user.token(),
                Map.of("operation", "revoke", "key_ids", List.of(id))).status()).isEqualTo(404);
        assertThat(api.get(key(id), user.token()).status()).isEqualTo(404);
        assertThat(api.put(key(id), user.token(), Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(api.post(key(id) + "/revoke", user.token(), null).status()).isEqualTo(404);
        assertThat(api.post(key(id) + "/regenerate", user.token(), null).status()).isEqualTo(404);
        assertThat(api.get(key(id) + "/usage", user.token()).status()).isEqualTo(404);
        // A foreign key id through our own organization's batch is just as unknown.
        if (!role.equals("viewer")) {
            var batch = api.post(keysOf(orgId) + "/batch-operations", user.token(),
                    Map.of("operation", "revoke", "key_ids", List.of(id)));
            assertThat(batch.json().get("results").get(0).get("error").get("code").asString()).isEqualTo("not_found");
        }
        // A foreign key reads exactly like one that never existed.
        var missing = api.get(key("key-00000000000000000000000000"), user.token());
        assertThat(api.get(key(id), user.token()).json().get("detail")).isEqualTo(missing.json().get("detail"));
        // And nothing changed over there.
        var theirs = api.get(key(id), MASTER_KEY);
        assertThat(theirs.field("status")).isEqualTo("active");
        assertThat(theirs.field("name")).isEqualTo("theirs");
        assertThat(theirs.field("key_prefix")).isEqualTo(foreign.field("key_prefix"));
    }

    @Test
    void unauthenticatedCallsAre401() {
        assertThat(api.get(keysOf(orgId), null).status()).isEqualTo(401);
        String secret = createKey(orgId, MASTER_KEY).field("api_key");
        // An org API key is for the gateway only, never the management API.
        var withKey = api.get(keysOf(orgId), secret);
        assertThat(withKey.status()).isEqualTo(401);
        assertThat(withKey.body()).doesNotContain(secret);
    }
}
