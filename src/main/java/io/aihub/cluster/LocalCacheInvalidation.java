package io.aihub.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One instance: a change is applied to this process's caches, synchronously. */
class LocalCacheInvalidation implements CacheInvalidation {

    private static final Logger log = LoggerFactory.getLogger(LocalCacheInvalidation.class);

    record Listener(Consumer<String> invalidate, Runnable invalidateAll) {
    }

    private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();

    @Override
    public void listen(String topic, Consumer<String> invalidate, Runnable invalidateAll) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(new Listener(invalidate, invalidateAll));
    }

    @Override
    public void publish(String topic, String id) {
        invalidate(topic, id);
    }

    void invalidate(String topic, String id) {
        for (Listener l : listeners.getOrDefault(topic, List.of())) {
            try {
                l.invalidate().accept(id);
            } catch (RuntimeException e) {
                log.error("cache invalidation of {} {} failed", topic, id, e);
            }
        }
    }

    void invalidateAll(String topic) {
        for (Listener l : listeners.getOrDefault(topic, List.of())) {
            try {
                l.invalidateAll().run();
            } catch (RuntimeException e) {
                log.error("cache resynchronisation of {} failed", topic, e);
            }
        }
    }

    java.util.Set<String> topics() {
        return listeners.keySet();
    }
}
