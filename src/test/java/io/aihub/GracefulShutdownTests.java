package io.aihub;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.Api;
import io.aihub.support.HubProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as shipped on its embedded default (H2 file database under AIHUB_DATA_DIR), stopped the way a
 * service manager stops it (SIGTERM): the usage written behind is in the database after a restart, and the
 * shutdown logs no error (H2's own exit hook once closed the database under Spring's last writes).
 */
class GracefulShutdownTests {

    static final String MASTER_KEY = "shutdown-master-key-0123456789abcdef";

    @TempDir
    Path data;

    @Test
    void aStopWritesTheLastUsageAndLogsNoError() throws Exception {
        Map<String, String> settings = Map.of("AIHUB_DATA_DIR", data.toString(), "aihub.master-key", MASTER_KEY,
                "aihub.auth.bcrypt-cost", "4");
        HubProcess hub = HubProcess.start("shutdown-" + System.nanoTime(), settings);
        String orgId;
        String requestId;
        try {
            hub.awaitHealthy(Duration.ofSeconds(90));
            Api api = hub.api();
            orgId = api.post("/api/v1/organizations", MASTER_KEY, Map.of("name", "Shutdown")).field("id");
            String secret = api.post("/api/v1/organizations/" + orgId + "/api-keys", MASTER_KEY, Map.of("name", "k"))
                    .field("api_key");
            var call = api.post("/v1/chat/completions", secret, Map.of("model", "demo/echo",
                    "messages", List.of(Map.of("role", "user", "content", "last words"))));
            assertThat(call.status()).as(call.toString()).isEqualTo(200);
            requestId = call.header("x-request-id");
        } finally {
            hub.close(); // SIGTERM, as systemd or Kubernetes would
        }
        String log = Files.readString(hub.logFile());
        assertThat(log).contains("Graceful shutdown complete").doesNotContain(" ERROR ");

        hub.restart().awaitHealthy(Duration.ofSeconds(90));
        try {
            var usage = hub.api().get("/api/v1/organizations/" + orgId + "/usage/summary", MASTER_KEY);
            assertThat(usage.status()).isEqualTo(200);
            assertThat(usage.json().get("totals").get("requests").asLong()).as("the call before the stop, " + requestId)
                    .isEqualTo(1);
        } finally {
            hub.close();
        }
    }
}
