package io.aihub.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.common.Hashing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the database holds: the hash and the display prefix, never the secret. */
class ApiKeyStorageTests extends KeysTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theRowHoldsTheHashAndNotTheSecret() {
        String orgId = createOrganization(MASTER_KEY, "Storage");
        var created = createKey(orgId, MASTER_KEY);
        String secret = created.field("api_key");
        Map<String, Object> row = jdbc.sql("select * from api_keys where id = ?").param(created.field("id"))
                .query().singleRow();
        assertThat(row.get("key_hash").toString().trim()).isEqualTo(Hashing.sha256Hex(secret));
        assertThat(row.get("key_prefix")).isEqualTo(secret.substring(0, 12));
        for (Object column : row.values()) {
            assertThat(String.valueOf(column)).doesNotContain(secret).doesNotContain(secret.substring(12));
        }
    }

    @Test
    void anIdempotentResponseIsStoredEncrypted() {
        String orgId = createOrganization(MASTER_KEY, "Storage");
        var created = api.send("POST", keysOf(orgId), MASTER_KEY, Map.of("name", "idem"),
                Map.of("Idempotency-Key", "storage-" + unique()));
        String secret = created.field("api_key");
        List<Map<String, Object>> rows = jdbc.sql("select * from api_key_idempotency").query().listOfRows();
        assertThat(rows).isNotEmpty();
        for (Map<String, Object> row : rows) {
            for (Object column : row.values()) {
                assertThat(String.valueOf(column)).doesNotContain(secret).doesNotContain(secret.substring(12))
                        .doesNotContain(created.field("id"));
            }
        }
    }
}
