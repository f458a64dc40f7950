package io.aihub.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.ServerSocket;
import java.time.Duration;
import redis.embedded.RedisServer;

/**
 * The Redis the counter tests run against: {@code AIHUB_TEST_REDIS_URL} (default
 * {@code redis://127.0.0.1:6379}); when nothing answers there, an embedded Redis on a free port; when
 * that fails too, the Redis tests are skipped with the reason printed (see {@link RequiresRedis}),
 * never silently passed. Tests use their own key prefix and delete their keys afterwards.
 */
public final class TestRedis {

    private static String url;
    private static String unavailableReason;
    private static boolean probed;

    private TestRedis() {
    }

    public static synchronized String url() {
        probe();
        if (unavailableReason != null) {
            throw new IllegalStateException(unavailableReason);
        }
        return url;
    }

    /** Null when Redis can be used, the reason otherwise. */
    public static synchronized String unavailableReason() {
        probe();
        return unavailableReason;
    }

    /** Deletes every key starting with {@code prefix}. */
    public static void deleteKeys(String prefix) {
        RedisClient client = RedisClient.create(url());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
                if (!page.getKeys().isEmpty()) {
                    c.sync().del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    private static void probe() {
        if (probed) {
            return;
        }
        probed = true;
        String configured = System.getenv("AIHUB_TEST_REDIS_URL");
        String candidate = configured == null || configured.isBlank() ? "redis://127.0.0.1:6379" : configured;
        String failure = ping(candidate);
        if (failure == null) {
            url = candidate;
            System.out.println("[aihub tests] Redis at " + candidate);
            return;
        }
        System.out.println("[aihub tests] no Redis at " + candidate + " (" + failure + "); trying an embedded one");
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            RedisServer server = new RedisServer(port);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
            url = "redis://127.0.0.1:" + port;
            String embeddedFailure = ping(url);
            if (embeddedFailure != null) {
                throw new IllegalStateException(embeddedFailure);
            }
            System.out.println("[aihub tests] embedded Redis at " + url);
        } catch (Exception | Error e) {
            unavailableReason = "Redis tests SKIPPED: no Redis at " + candidate + " and the embedded one failed to start ("
                    + e + "). Start Redis or set AIHUB_TEST_REDIS_URL.";
            System.out.println("[aihub tests] " + unavailableReason);
        }
    }

    private static String ping(String candidate) {
        RedisURI uri = RedisURI.create(candidate);
        uri.setTimeout(Duration.ofSeconds(2));
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return "PONG".equals(c.sync().ping()) ? null : "no PONG";
        } catch (RuntimeException e) {
            return e.getMessage();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }
}
