package io.aihub.cluster;

import io.aihub.limits.RedisConnector;
import io.aihub.limits.StoreFailures;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cache coherence over Redis. {@link #publish} applies the change here, then {@code INCR}s the topic's
 * version ({@code <prefix>cache:version:<topic>}) and {@code PUBLISH}es {@code origin|topic|version|id} on
 * {@code <prefix>cache:changes}; every other instance drops that id on receipt (within milliseconds).
 *
 * <p>Pub/sub is at-most-once: a message sent while an instance's subscription was reconnecting is lost.
 * So every {@code versionCheck} each instance reads all topic versions; a version above the last one it
 * received, still above it one check later (the message is not merely in flight), or below it (Redis
 * restarted empty), makes it drop the whole topic's cache — correct, merely slower for one request each.
 * A change that could not be sent (Redis down) is queued and sent when Redis answers again.
 *
 * <p>Messages are handled off Lettuce's event loop, in order, on one thread: a catalog reload reads the
 * database and must not block Redis I/O.
 */
final class RedisCacheInvalidation implements CacheInvalidation, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisCacheInvalidation.class);

    private record Change(String topic, String id) {
    }

    private final LocalCacheInvalidation local = new LocalCacheInvalidation();
    private final RedisConnector redis;
    private final StoreFailures failures;
    private final String channel;
    private final String versionPrefix;
    private final String origin = UUID.randomUUID().toString();
    /** Highest version of each topic this instance has applied (by message or by a full drop). */
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    /** What the previous version check read, per topic: a gap seen twice is a lost message. */
    private final Map<String, Long> lastChecked = new ConcurrentHashMap<>();
    private final Queue<Change> unsent = new ConcurrentLinkedQueue<>();
    private final ExecutorService handler = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
            .name("aihub-cache-invalidation").factory());
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .daemon().name("aihub-cache-version-check").factory());
    private volatile StatefulRedisPubSubConnection<String, String> subscription;

    RedisCacheInvalidation(RedisConnector redis, String keyPrefix, Duration versionCheck, StoreFailures failures) {
        this.redis = redis;
        this.failures = failures;
        this.channel = keyPrefix + "cache:changes";
        this.versionPrefix = keyPrefix + "cache:version:";
        subscribe();
        checker.scheduleWithFixedDelay(this::check, versionCheck.toMillis(), versionCheck.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void listen(String topic, java.util.function.Consumer<String> invalidate, Runnable invalidateAll) {
        local.listen(topic, invalidate, invalidateAll);
    }

    @Override
    public void publish(String topic, String id) {
        local.invalidate(topic, id);
        Change change = new Change(topic, id);
        if (!unsent.isEmpty() || !send(change)) {
            unsent.add(change); // in order, after what is already waiting
            flushUnsent();
        }
    }

    private boolean send(Change change) {
        try {
            RedisCommands<String, String> commands = redis.commands();
            long version = commands.incr(versionPrefix + change.topic());
            seen.merge(change.topic(), version, Math::max);
            commands.publish(channel, origin + "|" + change.topic() + "|" + version + "|" + change.id());
            return true;
        } catch (RedisException e) {
            failures.dropped("cache invalidation broadcast (queued until Redis answers)", e);
            return false;
        }
    }

    private synchronized void flushUnsent() {
        Change next;
        while ((next = unsent.peek()) != null) {
            if (!send(next)) {
                return;
            }
            unsent.poll();
        }
    }

    private void subscribe() {
        if (subscription != null) {
            return;
        }
        try {
            StatefulRedisPubSubConnection<String, String> connection = redis.connectPubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String ch, String message) {
                    handler.execute(() -> received(message));
                }
            });
            connection.sync().subscribe(channel);
            subscription = connection;
        } catch (RedisException e) {
            failures.dropped("cache invalidation subscription (retried at the next version check)", e);
        }
    }

    private void received(String message) {
        String[] parts = message.split("\\|", 4);
        if (parts.length != 4) {
            return;
        }
        String topic = parts[1];
        long version = Long.parseLong(parts[2]);
        seen.merge(topic, version, Math::max);
        if (!origin.equals(parts[0])) {
            local.invalidate(topic, parts[3]);
        }
    }

    /** The safety net: compares every topic's version in Redis with the last one applied here. */
    void check() {
        try {
            subscribe();
            flushUnsent();
            List<String> topics = new ArrayList<>(local.topics());
            if (topics.isEmpty()) {
                return;
            }
            List<KeyValue<String, String>> versions = redis.commands()
                    .mget(topics.stream().map(t -> versionPrefix + t).toArray(String[]::new));
            for (int i = 0; i < topics.size(); i++) {
                String topic = topics.get(i);
                long current = versions.get(i).hasValue() ? Long.parseLong(versions.get(i).getValue()) : 0;
                long applied = seen.getOrDefault(topic, 0L);
                Long previous = lastChecked.put(topic, current);
                if (previous == null && !seen.containsKey(topic)) {
                    seen.put(topic, current); // first look: caches are filled from the database from here on
                    continue;
                }
                boolean lost = current > applied && previous != null && previous >= current;
                boolean reset = current < applied; // Redis restarted empty: versions start again
                if (lost || reset) {
                    log.info("cache {}: version {} in Redis, {} applied here; dropping the whole cache", topic, current,
                            applied);
                    seen.put(topic, current);
                    handler.execute(() -> local.invalidateAll(topic));
                }
            }
        } catch (RuntimeException e) {
            failures.dropped("cache version check", e);
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
        handler.shutdownNow();
        StatefulRedisPubSubConnection<String, String> live = subscription;
        if (live != null) {
            live.close();
        }
    }
}
