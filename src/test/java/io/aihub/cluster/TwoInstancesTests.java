package io.aihub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.Api;
import io.aihub.support.HubProcess;
import io.aihub.support.RequiresRedis;
import io.aihub.support.TcpProxy;
import io.aihub.support.TestDatabase;
import io.aihub.support.TestRedis;
import io.lettuce.core.RedisURI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two hub instances as separate OS processes sharing one PostgreSQL schema and one Redis (reached through
 * a {@link TcpProxy}, so the test can take Redis "down" without touching the real server). Only on
 * PostgreSQL: an in-memory H2 database cannot be shared by two processes.
 */
@ExtendWith(RequiresRedis.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTests {

    static final String MASTER_KEY = "cluster-test-master-key-0123456789";
    static final Duration START = Duration.ofSeconds(90);

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String prefix = "aihub:test-cluster-" + run + ":";
    TcpProxy redis;
    HubProcess a;
    HubProcess b;
    Api apiA;
    Api apiB;

    @BeforeAll
    void startTwoInstances() throws Exception {
        if (!TestDatabase.isPostgres()) {
            System.out.println("[aihub tests] TwoInstancesTests SKIPPED on " + TestDatabase.MODE
                    + ": several processes can only share a PostgreSQL database (H2 in memory is per process)");
        }
        Assumptions.assumeTrue(TestDatabase.isPostgres(), "multi-process tests need PostgreSQL");
        Assumptions.assumeTrue(TestDatabase.unavailableReason() == null, TestDatabase.unavailableReason());
        RedisURI target = RedisURI.create(TestRedis.url());
        redis = new TcpProxy(target.getHost(), target.getPort());
        redis.start();
        TestDatabase.Settings db = TestDatabase.newDatabase();
        Path journals = Files.createTempDirectory("aihub-cluster-journals");
        a = HubProcess.start("a-" + run, settings(db, journals.resolve("a")));
        a.awaitHealthy(START); // first alone: it creates the schema
        b = HubProcess.start("b-" + run, settings(db, journals.resolve("b")));
        b.awaitHealthy(START);
        apiA = a.api();
        apiB = b.api();
    }

    private Map<String, String> settings(TestDatabase.Settings db, Path journal) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("spring.datasource.url", db.url());
        s.put("spring.datasource.username", db.user());
        s.put("spring.datasource.password", db.password());
        s.put("aihub.redis.url", "redis://127.0.0.1:" + redis.port());
        s.put("aihub.redis.key-prefix", prefix);
        s.put("aihub.master-key", MASTER_KEY);
        s.put("aihub.secret-key", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        s.put("aihub.auth.bcrypt-cost", "4");
        s.put("aihub.journal.dir", journal.toString());
        s.put("aihub.cluster.version-check", "500ms");
        s.put("aihub.budgets.hold-timeout", "5s");
        s.put("aihub.budgets.expiry-sweep", "1s");
        s.put("logging.level.root", "WARN");
        return s;
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b, redis}) {
            if (c != null) {
                c.close();
            }
        }
        if (TestRedis.unavailableReason() == null) {
            TestRedis.deleteKeys(prefix);
        }
    }

    static void within(Duration deadline, String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - until > 0) {
                throw new AssertionError(what + ": not within " + deadline);
            }
            Thread.sleep(20);
        }
    }

    @Test
    @Order(1)
    void aModelAddedOnOneInstanceIsServedByTheOtherWithinOneSecond() throws Exception {
        String name = "cluster-model-" + run;
        assertThat(apiB.get("/api/v1/models/" + name, MASTER_KEY).status()).isEqualTo(404);
        var created = apiA.post("/api/v1/models", MASTER_KEY, Map.of("name", name,
                "deployments", List.of(Map.of("provider", "openai", "base_url", "http://127.0.0.1:9/v1",
                        "upstream_model", "m", "weight", 1)),
                "pricing", Map.of("input_per_million", "1", "output_per_million", "2")));
        assertThat(created.status()).isEqualTo(201);
        within(Duration.ofSeconds(1), "B serves the model A created",
                () -> apiB.get("/api/v1/models/" + name, MASTER_KEY).status() == 200);
    }
}
