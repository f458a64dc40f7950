package io.aihub.keys;

import io.aihub.support.MutableClock;
import io.aihub.support.Api;
import io.aihub.support.IntegrationTest;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Base of the keys tests: the shared integration setup plus a clock the tests move by hand. The
 * extra bean gives these classes their own application context (and database), so moving time
 * here never disturbs other modules' tests. The clock is reset to real time before each test.
 */
@Import(MovableTimeConfiguration.class)
abstract class KeysTest extends IntegrationTest {

    @Autowired
    MutableClock clock;

    @Autowired
    Clock applicationClock;

    @BeforeEach
    void resetClock() {
        clock.set(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS)); // real time, moved by hand
    }

    static String keysOf(String orgId) {
        return "/api/v1/organizations/" + orgId + "/api-keys";
    }

    static String key(String keyId) {
        return "/api/v1/api-keys/" + keyId;
    }

    /** Creates a key and returns the whole response (with the plaintext {@code api_key}). */
    Api.Response createKey(String orgId, String token, Map<String, ?> body) {
        var response = api.post(keysOf(orgId), token, body);
        if (response.status() != 201) {
            throw new AssertionError("create key: " + response);
        }
        return response;
    }

    Api.Response createKey(String orgId, String token) {
        return createKey(orgId, token, Map.of("name", "key-" + unique()));
    }

    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
