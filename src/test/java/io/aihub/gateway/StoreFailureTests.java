package io.aihub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The counter store (Redis) unreachable with the default {@code on-store-failure: fail-closed}: a
 * limited key is refused 503 rather than let through uncounted; an unlimited key never touches the
 * store and is served. (Fail-open is the limits module's tested policy; the stage passes its decision on.)
 */
@TestPropertySource(properties = {"aihub.redis.url=redis://127.0.0.1:1", "aihub.redis.command-timeout=100ms"})
class StoreFailureTests extends GatewayTest {

    @Test
    void aLimitedKeyIsRefusedWhileTheCounterStoreIsDown() {
        String limited = createApiKey(orgId, Map.of("rate_limit_per_minute", 100)).secret();
        var refused = api.post("/v1/chat/completions", limited, chat("demo/echo", "x"));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().get("error").get("code").asString()).isEqualTo("service_unavailable");
        assertThat(usage(refused.header("x-request-id"))).isEmpty();

        assertThat(api.post("/v1/chat/completions", key, chat("demo/echo", "x")).status()).isEqualTo(200);
    }
}
