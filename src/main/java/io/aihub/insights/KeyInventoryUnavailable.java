package io.aihub.insights;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Used while no {@link KeyInventory} bean exists (the keys module is not part of this build): knows no
 * keys, so "unused key" and "near quota" recommendations are not made, and the recommendations answer
 * says so. If an {@code api_keys} table exists all the same, the keys module is present but not plugged
 * in: that is logged as a warning, since key recommendations are then silently missing.
 */
final class KeyInventoryUnavailable implements KeyInventory {

    private static final Logger log = LoggerFactory.getLogger(KeyInventoryUnavailable.class);

    KeyInventoryUnavailable(JdbcClient jdbc) {
        if (tableExists(jdbc)) {
            log.warn("table api_keys exists but no KeyInventory bean is defined: key recommendations are off");
        }
    }

    private static boolean tableExists(JdbcClient jdbc) {
        try {
            jdbc.sql("select count(*) from api_keys where 1 = 0").query(Long.class).single();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public List<KeyFacts> keys(String organizationId) {
        return List.of();
    }
}
