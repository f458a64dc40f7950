package io.aihub.access;

import io.aihub.common.Hashing;
import io.aihub.common.Timestamps;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform master key. Only its SHA-256 is held, in memory and (when generated) in
 * {@code platform_settings}. With {@code AIHUB_MASTER_KEY} set, that value is the key. Without it,
 * the first start generates one and prints it once; later starts reuse the stored hash and say
 * how to choose a key instead.
 */
@Component
class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    private static final String SETTING = "master_key_sha256";

    private final String hash;

    MasterKey(@Value("${aihub.master-key:}") String configured, JdbcClient jdbc, Clock clock) {
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < 16) {
                throw new IllegalStateException("AIHUB_MASTER_KEY (aihub.master-key) must be at least 16 characters");
            }
            this.hash = Hashing.sha256Hex(configured);
            log.info("Master key: taken from AIHUB_MASTER_KEY");
            return;
        }
        var stored = jdbc.sql("select setting_value from platform_settings where name = ?").param(SETTING)
                .query(String.class).optional();
        if (stored.isPresent()) {
            this.hash = stored.get();
            log.info("Master key: using the one generated on first start (only its hash is stored). "
                    + "Set AIHUB_MASTER_KEY to choose your own.");
            return;
        }
        String generated = Hashing.randomSecret("mk_", 32);
        this.hash = Hashing.sha256Hex(generated);
        jdbc.sql("insert into platform_settings (name, setting_value, updated_at) values (?, ?, ?)")
                .params(SETTING, hash, Timestamps.toDb(clock.instant())).update();
        // Printed to the console only, once; it is never logged through the logging system.
        System.out.println("""

                ==================================================================================
                  AI Hub master key (shown ONCE; only its hash is stored — copy it now):

                    %s

                  Use it as 'Authorization: Bearer <key>' on /api/v1/*. To choose your own,
                  set AIHUB_MASTER_KEY before starting.
                ==================================================================================
                """.formatted(generated));
    }

    boolean matches(String token) {
        return Hashing.constantTimeEquals(hash, Hashing.sha256Hex(token));
    }
}
