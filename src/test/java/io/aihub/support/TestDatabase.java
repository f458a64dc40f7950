package io.aihub.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The database the test suite runs on: {@code -Daihub.test.db=h2} (the embedded default) or
 * {@code postgresql}. Maven's surefire runs the whole suite once for each.
 *
 * <p>PostgreSQL comes from {@code AIHUB_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test},
 * user {@code AIHUB_TEST_PG_USER}, default {@code postgres}); when nothing answers there, an embedded
 * PostgreSQL is started; when that fails too, the PostgreSQL tests are skipped with the reason
 * printed (see {@link RequiresDatabase}) — never silently passed. Each Spring context gets its own
 * fresh database (H2) or schema (PostgreSQL).
 */
public final class TestDatabase {

    public record Settings(String url, String user, String password) {
    }

    public static final String MODE = System.getProperty("aihub.test.db", "h2");

    private static String pgBaseUrl;
    private static String pgUser;
    private static String pgPassword;
    private static String unavailableReason;
    private static boolean probed;

    private TestDatabase() {
    }

    public static boolean isPostgres() {
        return "postgresql".equals(MODE);
    }

    /** Null when the chosen database can be used, the reason otherwise. */
    public static synchronized String unavailableReason() {
        if (!isPostgres()) {
            return null;
        }
        probe();
        return unavailableReason;
    }

    public static synchronized Settings newDatabase() {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (!isPostgres()) {
            return new Settings("jdbc:h2:mem:" + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        }
        probe();
        if (unavailableReason != null) {
            throw new IllegalStateException(unavailableReason);
        }
        try (Connection c = DriverManager.getConnection(pgBaseUrl, pgUser, pgPassword)) {
            c.createStatement().execute("create schema " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema: " + e.getMessage(), e);
        }
        String separator = pgBaseUrl.contains("?") ? "&" : "?";
        return new Settings(pgBaseUrl + separator + "currentSchema=" + name, pgUser, pgPassword);
    }

    private static void probe() {
        if (probed) {
            return;
        }
        probed = true;
        String url = env("AIHUB_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = env("AIHUB_TEST_PG_USER", "postgres");
        String password = env("AIHUB_TEST_PG_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.isValid(2);
            pgBaseUrl = url;
            pgUser = user;
            pgPassword = password;
            System.out.println("[aihub tests] PostgreSQL at " + url);
            return;
        } catch (SQLException e) {
            System.out.println("[aihub tests] no PostgreSQL at " + url + " (" + e.getMessage() + "); trying an embedded one");
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
            pgBaseUrl = embedded.getJdbcUrl("postgres", "postgres");
            pgUser = "postgres";
            pgPassword = "";
            System.out.println("[aihub tests] embedded PostgreSQL at " + pgBaseUrl);
        } catch (Exception | Error e) {
            unavailableReason = "PostgreSQL tests SKIPPED: no server at " + url + " and the embedded one failed to start ("
                    + e + "). Start PostgreSQL or set AIHUB_TEST_PG_URL.";
            System.out.println("[aihub tests] " + unavailableReason);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
