package io.aihub.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.RequiresRedis;
import io.aihub.support.TestRedis;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RequiresRedis.class)
class RedisScriptTests {

    @Test
    void aScriptRedisHasNotSeenIsSentOnceInFullThenRunByItsDigest() {
        String prefix = "aihub:test-" + UUID.randomUUID() + ":";
        // A script no Redis has cached (a unique comment changes its SHA-1): EVALSHA answers NOSCRIPT first.
        LuaScript script = LuaScript.of("-- " + prefix + "\nreturn redis.call('INCR', KEYS[1])");
        String key = prefix + "n";
        try (RedisConnector redis = new RedisConnector(TestRedis.url(), Duration.ofSeconds(2), Duration.ofSeconds(2))) {
            assertThat(redis.commands().scriptExists(script.sha())).containsExactly(false);
            assertThat(script.number(redis.commands(), key)).isEqualTo(1);
            assertThat(redis.commands().scriptExists(script.sha())).containsExactly(true);
            assertThat(script.number(redis.commands(), key)).isEqualTo(2);
        } finally {
            TestRedis.deleteKeys(prefix);
        }
    }
}
