package io.aihub.limits;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One shared Lettuce connection (thread-safe, pipelined) for all counters. It connects lazily, so an
 * instance starts even while Redis is down (checks then follow the failure policy), retries at most
 * once per {@link #RECONNECT_BACKOFF}, and once connected Lettuce reconnects by itself. While
 * disconnected, commands are rejected at once instead of queueing: a check must answer within the
 * command timeout, never wait for Redis to come back.
 */
public final class RedisConnector implements AutoCloseable {

    static final Duration RECONNECT_BACKOFF = Duration.ofSeconds(1);

    private final RedisClient client;
    private final Duration reconnectBackoff;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextAttemptNanos = System.nanoTime();

    /** Public for other modules' tests (budgets, cluster); the application gets the connector as a bean. */
    public RedisConnector(String url, Duration commandTimeout, Duration connectTimeout) {
        this(url, commandTimeout, connectTimeout, RECONNECT_BACKOFF);
    }

    RedisConnector(String url, Duration commandTimeout, Duration connectTimeout, Duration reconnectBackoff) {
        this.reconnectBackoff = reconnectBackoff;
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(commandTimeout);
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
    }

    /** The commands of the live connection; throws {@link RedisConnectionException} when there is none. */
    public RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> live = connection;
        if (live != null) {
            return live.sync();
        }
        connecting.lock();
        try {
            if (connection == null) {
                if (System.nanoTime() - nextAttemptNanos < 0) {
                    throw new RedisConnectionException("not connected to Redis (next connection attempt within "
                            + reconnectBackoff.toMillis() + " ms)");
                }
                try {
                    connection = client.connect(StringCodec.UTF8);
                } catch (RuntimeException e) {
                    nextAttemptNanos = System.nanoTime() + reconnectBackoff.toNanos();
                    throw e;
                }
            }
            return connection.sync();
        } finally {
            connecting.unlock();
        }
    }

    /**
     * A separate connection for pub/sub (a subscribed connection can issue no other command). Lettuce
     * reconnects it and subscribes its channels again by itself; throws when Redis cannot be reached now.
     */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return client.connectPubSub(StringCodec.UTF8);
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> live = connection;
        if (live != null) {
            live.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
