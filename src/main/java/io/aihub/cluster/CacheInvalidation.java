package io.aihub.cluster;

import java.util.function.Consumer;

/**
 * Tells every instance that cached data changed. A module registers what to drop for one id and what to
 * do when it may have missed a change ({@link #listen}); after a committed write it calls {@link #publish},
 * which applies the change here at once and on every other instance within about a second.
 *
 * <p>With {@code aihub.redis.url} set this goes over Redis pub/sub, with a per-topic version counter that
 * every instance polls as the safety net for a lost message; without Redis it stays in this process.
 */
public interface CacheInvalidation {

    /** API keys: id = key id. */
    String KEYS = "keys";
    /** Budgets: id = {@code scope_type:scope_id}. */
    String BUDGETS = "budgets";
    /** The model catalog: id = model name (a listener reloads the whole catalog). */
    String MODELS = "models";

    /**
     * @param invalidate    drops what is cached for one id (called here and on every instance)
     * @param invalidateAll drops everything of the topic (called when a change may have been missed)
     */
    void listen(String topic, Consumer<String> invalidate, Runnable invalidateAll);

    /** Call after the write committed. Never throws: a change that cannot be sent now is sent later. */
    void publish(String topic, String id);
}
