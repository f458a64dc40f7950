package io.aihub.keys;

import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Coalesces the gateway's "this key was just used" signals in memory and writes only the latest
 * instant per key every few seconds: the hot path never waits for the database.
 */
@Component
class LastUsedTracker {

    private static final Logger log = LoggerFactory.getLogger(LastUsedTracker.class);

    private final ConcurrentHashMap<String, Instant> pending = new ConcurrentHashMap<>();
    private final ApiKeyRepository repository;

    LastUsedTracker(ApiKeyRepository repository) {
        this.repository = repository;
    }

    void mark(String keyId, Instant at) {
        pending.merge(keyId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Not yet flushed, so reads can show it already. */
    Instant pending(String keyId) {
        return pending.get(keyId);
    }

    @Scheduled(fixedDelayString = "${aihub.keys.last-used-flush:PT5S}")
    @PreDestroy
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Instant> batch = new HashMap<>();
        for (String keyId : pending.keySet()) {
            Instant at = pending.remove(keyId);
            if (at != null) {
                batch.put(keyId, at);
            }
        }
        try {
            repository.touch(batch);
        } catch (RuntimeException e) {
            batch.forEach(this::mark); // keep them for the next flush
            log.warn("could not write last_used_at of {} keys; will retry: {}", batch.size(), e.toString());
        }
    }
}
