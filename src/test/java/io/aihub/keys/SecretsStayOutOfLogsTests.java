package io.aihub.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A whole key lifecycle with debug logging switched on for the web layer and this module: not one
 * secret (nor its unprefixed random part) may appear anywhere in the application's output.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfLogsTests extends KeysTest {

    private static final List<String> LOGGERS = List.of("io.aihub", "org.springframework.web",
            "org.springframework.jdbc", "org.springframework.transaction");

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    @BeforeEach
    void verbose() {
        LOGGERS.forEach(name -> logging.setLogLevel(name, LogLevel.DEBUG));
    }

    @AfterEach
    void quiet() {
        LOGGERS.forEach(name -> logging.setLogLevel(name, null));
    }

    @Test
    void noSecretAppearsInTheLogsOfAFullLifecycle(CapturedOutput output) {
        String orgId = createOrganization(MASTER_KEY, "Logs");
        TestUser member = userWithRole(orgId, "member");
        List<String> secrets = new ArrayList<>();

        var created = api.send("POST", keysOf(orgId), member.token(), Map.of("name", "lifecycle"),
                Map.of("Idempotency-Key", "logs-" + unique()));
        secrets.add(created.field("api_key"));
        String id = created.field("id");
        api.get(keysOf(orgId), member.token());
        api.get(key(id), member.token());
        api.put(key(id), member.token(), Map.of("rate_limit_per_minute", 10));
        var regenerated = api.post(key(id) + "/regenerate", member.token(), Map.of("grace_period_seconds", 60));
        secrets.add(regenerated.field("api_key"));
        // A secret sent where it does not belong: as a management token and inside a bad body.
        api.get(keysOf(orgId), secrets.get(1));
        api.post(keysOf(orgId), member.token(), "{\"name\": \"" + secrets.get(1) + "\", \"nope\": 1}");
        api.get(key(id) + "/usage", member.token());
        api.get(keysOf(orgId) + "/summary", member.token());
        api.post(keysOf(orgId) + "/batch-operations", member.token(), Map.of("operation", "update",
                "key_ids", List.of(id), "changes", Map.of("name", "renamed")));
        api.post(key(id) + "/revoke", member.token(), null);
        var other = createKey(orgId, MASTER_KEY);
        secrets.add(other.field("api_key"));

        assertThat(secrets).hasSize(3).allMatch(s -> s != null && s.startsWith("org_"));
        assertThat(output.getAll()).as("debug logging was really on").contains("DEBUG");
        // Spring's debug log prints response objects, the views holding a secret among them.
        assertThat(output.getAll()).contains("Writing [ApiKeyView[");
        for (String secret : secrets) {
            assertThat(output.getAll()).doesNotContain(secret).doesNotContain(secret.substring(4));
        }
    }
}
