package io.aihub.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.common.Hashing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The gateway's view: secret → principal or reason, with every write taking effect at once. */
class KeyValidationTests extends KeysTest {

    @Autowired
    ApiKeyService keys;

    @Autowired
    LastUsedTracker lastUsed;

    private String orgId;

    @BeforeEach
    void organization() {
        orgId = createOrganization(MASTER_KEY, "Gateway");
    }

    private KeyValidation.Valid valid(String secret) {
        KeyValidation result = keys.validate(secret);
        assertThat(result).isInstanceOf(KeyValidation.Valid.class);
        return (KeyValidation.Valid) result;
    }

    private static String code(KeyValidation result) {
        assertThat(result).isInstanceOf(KeyValidation.Rejected.class);
        return ((KeyValidation.Rejected) result).code();
    }

    @Test
    void aValidSecretYieldsThePrincipalWithItsSettings() {
        String teamId = api.post("/api/v1/organizations/" + orgId + "/teams", MASTER_KEY, Map.of("name", "ml")).field("id");
        TestUser member = userWithRole(orgId, "member");
        Instant expires = clock.instant().plus(Duration.ofDays(3));
        var created = createKey(orgId, member.token(), body("name", "svc", "team_id", teamId,
                "permissions", Map.of("models", List.of("gpt-4o*"), "endpoints", List.of("chat/*")),
                "monthly_request_quota", 100, "monthly_token_quota", 2000, "rate_limit_per_minute", 10,
                "tokens_per_minute", 300, "max_parallel_requests", 2, "expires_at", expires.toString()));
        ApiKeyPrincipal p = valid(created.field("api_key")).principal();
        assertThat(p.keyId()).isEqualTo(created.field("id"));
        assertThat(p.organizationId()).isEqualTo(orgId);
        assertThat(p.teamId()).isEqualTo(teamId);
        assertThat(p.ownerUserId()).isEqualTo(member.id());
        assertThat(p.monthlyRequestQuota()).isEqualTo(100L);
        assertThat(p.monthlyTokenQuota()).isEqualTo(2000L);
        assertThat(p.rateLimitPerMinute()).isEqualTo(10);
        assertThat(p.tokensPerMinute()).isEqualTo(300);
        assertThat(p.maxParallelRequests()).isEqualTo(2);
        assertThat(p.expiresAt()).isEqualTo(expires);
        assertThat(p.permissions().allowsModel("gpt-4o-mini")).isTrue();
        assertThat(p.permissions().allowsModel("claude-3")).isFalse();
        assertThat(p.permissions().allowsEndpoint("/v1/chat/completions")).isTrue();
        assertThat(p.permissions().allowsEndpoint("embeddings")).isFalse();

        var byMaster = createKey(orgId, MASTER_KEY);
        assertThat(valid(byMaster.field("api_key")).principal().ownerUserId()).isNull();
        assertThat(valid(byMaster.field("api_key")).principal().permissions().allowsModel("anything")).isTrue();
    }

    @Test
    void unknownAndMalformedSecretsAreInvalid() {
        assertThat(code(keys.validate(Hashing.randomSecret("org_", 32)))).isEqualTo("invalid_api_key");
        assertThat(code(keys.validate("org_short"))).isEqualTo("invalid_api_key");
        assertThat(code(keys.validate(null))).isEqualTo("invalid_api_key");
        assertThat(code(keys.validate(""))).isEqualTo("invalid_api_key");
        String secret = createKey(orgId, MASTER_KEY).field("api_key");
        assertThat(code(keys.validate("sk_" + secret.substring(3) + "x"))).isEqualTo("invalid_api_key");
        // A second look at the same unknown secret (negative cache) answers the same.
        String unknown = Hashing.randomSecret("org_", 32);
        keys.validate(unknown);
        assertThat(code(keys.validate(unknown))).isEqualTo("invalid_api_key");
    }

    @Test
    void revokeTakesEffectAtTheNextValidation() {
        var created = createKey(orgId, MASTER_KEY);
        String secret = created.field("api_key");
        valid(secret); // now cached
        valid(secret);
        api.post(key(created.field("id")) + "/revoke", MASTER_KEY, null);
        assertThat(code(keys.validate(secret))).isEqualTo("key_revoked");
    }

    @Test
    void updatesReachTheCachedPrincipalAtOnce() {
        var created = createKey(orgId, MASTER_KEY, body("name", "k", "rate_limit_per_minute", 5));
        String secret = created.field("api_key");
        assertThat(valid(secret).principal().rateLimitPerMinute()).isEqualTo(5);
        api.put(key(created.field("id")), MASTER_KEY, Map.of("rate_limit_per_minute", 50,
                "permissions", Map.of("models", List.of("demo/*"))));
        ApiKeyPrincipal updated = valid(secret).principal();
        assertThat(updated.rateLimitPerMinute()).isEqualTo(50);
        assertThat(updated.permissions().allowsModel("demo/echo")).isTrue();
        assertThat(updated.permissions().allowsModel("gpt-4o")).isFalse();
    }

    @Test
    void expiryIsJudgedOnTheClockWithoutAnyJob() {
        Instant expires = clock.instant().plus(Duration.ofHours(1));
        var created = createKey(orgId, MASTER_KEY, body("name", "short-lived", "expires_at", expires.toString()));
        String secret = created.field("api_key");
        valid(secret);
        clock.advance(Duration.ofMinutes(59));
        valid(secret);
        clock.advance(Duration.ofMinutes(1));
        assertThat(code(keys.validate(secret))).isEqualTo("key_expired");
        assertThat(api.get(key(created.field("id")), MASTER_KEY).field("status")).isEqualTo("expired");
        assertThat(api.get(keysOf(orgId) + "?status=expired", MASTER_KEY).json().get("data")).hasSize(1);
        // Extending the expiry revives it at once.
        var extended = api.put(key(created.field("id")), MASTER_KEY,
                Map.of("expires_at", clock.instant().plus(Duration.ofDays(1)).toString()));
        assertThat(extended.field("status")).isEqualTo("active");
        valid(secret);
    }

    @Test
    void regenerateWithoutGraceStopsTheOldSecretAtOnce() {
        var created = createKey(orgId, MASTER_KEY);
        String old = created.field("api_key");
        valid(old);
        String fresh = api.post(key(created.field("id")) + "/regenerate", MASTER_KEY, null).field("api_key");
        assertThat(code(keys.validate(old))).isEqualTo("invalid_api_key");
        assertThat(valid(fresh).principal().keyId()).isEqualTo(created.field("id"));
    }

    @Test
    void regenerateWithGraceKeepsTheOldSecretValidUntilTheGraceEnds() {
        var created = createKey(orgId, MASTER_KEY);
        String id = created.field("id");
        String old = created.field("api_key");
        valid(old);
        String fresh = api.post(key(id) + "/regenerate", MASTER_KEY, Map.of("grace_period_seconds", 3600))
                .field("api_key");
        assertThat(valid(old).principal().keyId()).isEqualTo(id);
        assertThat(valid(fresh).principal().keyId()).isEqualTo(id);
        clock.advance(Duration.ofMinutes(59));
        valid(old);
        clock.advance(Duration.ofMinutes(1));
        assertThat(code(keys.validate(old))).isEqualTo("invalid_api_key");
        valid(fresh);
        assertThat(api.get(key(id), MASTER_KEY).field("previous_key_valid_until")).isNull();
    }

    @Test
    void revokingDuringAGracePeriodStopsBothSecrets() {
        var created = createKey(orgId, MASTER_KEY);
        String id = created.field("id");
        String old = created.field("api_key");
        String fresh = api.post(key(id) + "/regenerate", MASTER_KEY, Map.of("grace_period_seconds", 3600))
                .field("api_key");
        valid(old);
        valid(fresh);
        api.post(key(id) + "/revoke", MASTER_KEY, null);
        assertThat(code(keys.validate(old))).isEqualTo("key_revoked");
        assertThat(code(keys.validate(fresh))).isEqualTo("key_revoked");
    }

    @Test
    void markUsedIsCoalescedAndShownAsLastUsedAt() {
        var created = createKey(orgId, MASTER_KEY);
        String id = created.field("id");
        assertThat(api.get(key(id), MASTER_KEY).field("last_used_at")).isNull();
        Instant first = clock.instant();
        Instant later = first.plusSeconds(30);
        keys.markUsed(id, later);
        keys.markUsed(id, first); // out of order: the latest wins
        assertThat(Instant.parse(api.get(key(id), MASTER_KEY).field("last_used_at"))).isEqualTo(later);
        lastUsed.flush();
        assertThat(Instant.parse(api.get(key(id), MASTER_KEY).field("last_used_at"))).isEqualTo(later);
        keys.markUsed(id, first);
        lastUsed.flush(); // an older instant never rewinds the stored one
        assertThat(Instant.parse(api.get(key(id), MASTER_KEY).field("last_used_at"))).isEqualTo(later);
    }
}
