package io.aihub.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Create and regenerate with an Idempotency-Key: a retry gets the first result, not a second key. */
class IdempotencyApiTests extends KeysTest {

    private String orgId;

    @BeforeEach
    void organization() {
        orgId = createOrganization(MASTER_KEY, "Retries");
    }

    private io.aihub.support.Api.Response post(String path, String token, Object body, String idempotencyKey) {
        return api.send("POST", path, token, body, Map.of("Idempotency-Key", idempotencyKey));
    }

    @Test
    void aRetriedCreateReturnsTheSameKeyAndCreatesNoSecondOne() {
        String idem = "create-" + unique();
        var first = post(keysOf(orgId), MASTER_KEY, Map.of("name", "once"), idem);
        var retry = post(keysOf(orgId), MASTER_KEY, Map.of("name", "once"), idem);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.field("id")).isEqualTo(first.field("id"));
        assertThat(retry.field("api_key")).isEqualTo(first.field("api_key"));
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(first.header("idempotent-replayed")).isEqualTo("false");
        assertThat(retry.header("idempotent-replayed")).isEqualTo("true");
        assertThat(api.get(keysOf(orgId), MASTER_KEY).json().get("data")).hasSize(1);
    }

    @Test
    void concurrentRetriesCreateOneKey() throws Exception {
        String idem = "race-" + unique();
        int callers = 6;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<io.aihub.support.Api.Response>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return post(keysOf(orgId), MASTER_KEY, Map.of("name", "raced"), idem);
                }));
            }
            start.countDown();
            java.util.Set<String> ids = new java.util.HashSet<>();
            java.util.Set<String> secrets = new java.util.HashSet<>();
            for (var future : futures) {
                var response = future.get();
                assertThat(response.status()).as(response.toString()).isEqualTo(201);
                ids.add(response.field("id"));
                secrets.add(response.field("api_key"));
            }
            assertThat(ids).hasSize(1);
            assertThat(secrets).hasSize(1);
            assertThat(api.get(keysOf(orgId), MASTER_KEY).json().get("data")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameIdempotencyKeyWithADifferentRequestIsAConflict() {
        String idem = "create-" + unique();
        post(keysOf(orgId), MASTER_KEY, Map.of("name", "one"), idem);
        var other = post(keysOf(orgId), MASTER_KEY, Map.of("name", "two"), idem);
        assertThat(other.status()).isEqualTo(409);
        assertThat(api.get(keysOf(orgId), MASTER_KEY).json().get("data")).hasSize(1);
    }

    @Test
    void idempotencyKeysBelongToTheirCaller() {
        String idem = "shared-" + unique();
        TestUser admin = userWithRole(orgId, "admin");
        var mine = post(keysOf(orgId), MASTER_KEY, Map.of("name", "k"), idem);
        var theirs = post(keysOf(orgId), admin.token(), Map.of("name", "k"), idem);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.field("id")).isNotEqualTo(mine.field("id"));
    }

    @Test
    void aRetriedRegenerateReturnsTheSameSecret() {
        String id = createKey(orgId, MASTER_KEY).field("id");
        String idem = "regen-" + unique();
        var first = post(key(id) + "/regenerate", MASTER_KEY, Map.of("grace_period_seconds", 60), idem);
        var retry = post(key(id) + "/regenerate", MASTER_KEY, Map.of("grace_period_seconds", 60), idem);
        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.field("api_key")).isEqualTo(first.field("api_key"));
        assertThat(api.get(key(id), MASTER_KEY).field("key_prefix")).isEqualTo(first.field("key_prefix"));
        assertThat(post(key(id) + "/regenerate", MASTER_KEY, Map.of("grace_period_seconds", 0), idem).status())
                .isEqualTo(409);
        // Without the header every call is a new secret.
        var fresh = api.post(key(id) + "/regenerate", MASTER_KEY, null);
        assertThat(fresh.field("api_key")).isNotEqualTo(first.field("api_key"));
    }

    @Test
    void aStoredResponseExpiresAfter24Hours() {
        String idem = "expiring-" + unique();
        var first = post(keysOf(orgId), MASTER_KEY, Map.of("name", "k"), idem);
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        var later = post(keysOf(orgId), MASTER_KEY, Map.of("name", "k"), idem);
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.field("id")).isNotEqualTo(first.field("id"));
    }

    @Test
    void anIdempotencyKeyNeitherBypassesRolesNorMayBeBlank() {
        TestUser member = userWithRole(orgId, "member");
        String id = createKey(orgId, MASTER_KEY).field("id");
        var refused = post(key(id) + "/regenerate", member.token(), null, "regen-" + unique());
        assertThat(refused.status()).isEqualTo(403);
        var badKey = post(keysOf(orgId), MASTER_KEY, Map.of("name", "k"), " ");
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.field("field")).isEqualTo("Idempotency-Key");
    }
}
