package io.aihub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.Api;
import io.aihub.support.FakeUpstream;
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
    /** Instance A reaches PostgreSQL through this, so the test can take the database away from it. */
    TcpProxy postgres;
    HubProcess a;
    HubProcess b;
    Api apiA;
    Api apiB;
    TestDatabase.Settings db;
    /** One connection for the test's own checks, held for the class: the shared test PostgreSQL runs near its limit. */
    java.sql.Connection checks;
    final FakeUpstream slowUpstream = new FakeUpstream();

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
        db = TestDatabase.newDatabase();
        checks = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
        Path journals = Files.createTempDirectory("aihub-cluster-journals");
        var pg = java.util.regex.Pattern.compile("//([^:/]+):(\\d+)/").matcher(db.url());
        assertThat(pg.find()).as("host and port in " + db.url()).isTrue();
        postgres = new TcpProxy(pg.group(1), Integer.parseInt(pg.group(2)));
        postgres.start();
        Map<String, String> settingsA = settings(db, journals.resolve("a"));
        settingsA.put("spring.datasource.url", db.url().replace("//" + pg.group(1) + ":" + pg.group(2) + "/",
                "//127.0.0.1:" + postgres.port() + "/"));
        settingsA.put("spring.datasource.hikari.connection-timeout", "2000"); // fail fast while the database is away
        a = HubProcess.start("a-" + run, settingsA);
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
        // 400 concurrent requests on the shared 2-core test machine: 200 ms Redis commands time out (and fail
        // closed, 503) from CPU starvation alone. Outages are still detected at once (connection refused/reset).
        s.put("aihub.redis.command-timeout", "2s");
        s.put("spring.datasource.hikari.minimum-idle", "2"); // the test PostgreSQL is shared: hold few idle connections
        s.put("aihub.master-key", MASTER_KEY);
        s.put("aihub.secret-key", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        s.put("aihub.auth.bcrypt-cost", "4");
        s.put("aihub.journal.dir", journal.toString());
        s.put("aihub.cluster.version-check", "500ms");
        // Longer than a restart of an instance (so its journal settles its requests first), short for the test.
        s.put("aihub.budgets.hold-timeout", "15s");
        s.put("aihub.budgets.expiry-sweep", "1s");
        s.put("logging.level.root", "WARN");
        return s;
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b, redis, postgres, slowUpstream, checks}) {
            if (c != null) {
                c.close();
            }
        }
        if (TestRedis.unavailableReason() == null) {
            TestRedis.deleteKeys(prefix);
        }
    }

    static void within(Duration deadline, String what, BooleanSupplier condition) throws InterruptedException {
        within(deadline, what, condition, new String[] {""});
    }

    /** @param seen what the condition saw last, for the failure message */
    static void within(Duration deadline, String what, BooleanSupplier condition, String[] seen)
            throws InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - until > 0) {
                throw new AssertionError(what + ": not within " + deadline + (seen[0].isEmpty() ? "" : " (last: " + seen[0] + ")"));
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

    @Test
    @Order(2)
    void aKeyRevokedOnOneInstanceIsRefusedOnTheOtherWithinOneSecond() throws Exception {
        String orgId = organization("Revoke");
        String[] key = apiKey(orgId, Map.of());
        var before = apiB.post("/v1/chat/completions", key[1], chat("demo/echo", "hello", 16));
        assertThat(before.status()).as("B knows (and has cached) the key: " + before).isEqualTo(200);

        assertThat(apiA.post("/api/v1/api-keys/" + key[0] + "/revoke", MASTER_KEY, Map.of()).status()).isEqualTo(200);

        within(Duration.ofSeconds(1), "B refuses the key A revoked",
                () -> apiB.post("/v1/chat/completions", key[1], chat("demo/echo", "hello", 16)).status() == 401);
        var after = apiB.post("/v1/chat/completions", key[1], chat("demo/echo", "hello", 16));
        assertThat(after.json().path("error").path("code").asString()).isEqualTo("key_revoked");
    }

    @Test
    @Order(3)
    void fourHundredConcurrentRequestsAcrossBothInstancesNeverSpendPastAHardBudget() throws Exception {
        String text = "one two three four five six seven eight nine ten eleven twelve";
        // What one request costs (on a separate organization, so it is not part of the budget below).
        String probeOrg = organization("Probe");
        var probe = apiA.post("/v1/chat/completions", apiKey(probeOrg, Map.of())[1], chat("demo/echo", text, 16));
        assertThat(probe.status()).as(probe.toString()).isEqualTo(200);
        java.math.BigDecimal each = new java.math.BigDecimal(probe.header("x-aihub-cost"));
        java.math.BigDecimal limit = each.multiply(java.math.BigDecimal.valueOf(100)); // affords 100 requests

        String orgId = organization("Contended");
        assertThat(apiA.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY, Map.of("limit", limit)).status())
                .isEqualTo(201);
        String secret = apiKey(orgId, Map.of())[1];

        java.util.concurrent.ConcurrentHashMap<String, java.math.BigDecimal> succeeded = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.ConcurrentHashMap<Integer, java.util.concurrent.atomic.AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 400; i++) {
                Api api = i % 2 == 0 ? apiA : apiB;
                pool.submit(() -> {
                    go.await();
                    var r = api.post("/v1/chat/completions", secret, chat("demo/echo", text, 16));
                    statuses.computeIfAbsent(r.status(), k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                    if (r.status() == 200) {
                        succeeded.put(r.header("x-request-id"), new java.math.BigDecimal(r.header("x-aihub-cost")));
                    }
                    return null;
                });
            }
            go.countDown();
        }
        assertThat(statuses.keySet()).as("every request was served or refused for the budget: " + statuses)
                .containsAnyOf(200).isSubsetOf(200, 402);
        assertThat(statuses.get(402)).as("the budget was contended").isNotNull();
        java.math.BigDecimal sum = succeeded.values().stream().reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        assertThat(sum).isLessThanOrEqualTo(limit);
        within(Duration.ofSeconds(5), "every hold is settled", () -> sql(
                "select count(*) from budget_holds where organization_id = ? and status = 'held'",
                TwoInstancesTests::count, orgId) == 0);
        for (Api api : List.of(apiA, apiB)) {
            var budget = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
            assertThat(budget.get("current_spend").decimalValue()).isEqualByComparingTo(sum).isLessThanOrEqualTo(limit);
            assertThat(budget.get("reserved").decimalValue()).isZero();
        }
    }

    @Test
    @Order(6)
    void aRateLimitHoldsAcrossBothInstancesAsOnOne() throws Exception {
        String orgId = organization("RateLimited");
        String secret = apiKey(orgId, Map.of("rate_limit_per_minute", 30))[1];
        java.util.concurrent.ConcurrentHashMap<Integer, java.util.concurrent.atomic.AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 80; i++) {
                Api api = i % 2 == 0 ? apiA : apiB;
                pool.submit(() -> {
                    int status = api.post("/v1/chat/completions", secret, chat("demo/echo", "hi", 4)).status();
                    statuses.computeIfAbsent(status, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                    return null;
                });
            }
        }
        assertThat(statuses.keySet()).as(statuses.toString()).containsOnly(200, 429);
        assertThat(statuses.get(200).get()).as("one limit of 30 per minute for the key, whichever instance serves it")
                .isEqualTo(30);
    }

    @Test
    @Order(4)
    void redisGoingAwayRefusesByThePolicyAndBothInstancesRecoverByThemselves() throws Exception {
        String orgId = organization("RedisDown");
        assertThat(apiA.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY, Map.of("limit", 100)).status())
                .isEqualTo(201);
        String secret = apiKey(orgId, Map.of())[1];
        assertThat(apiB.post("/v1/chat/completions", secret, chat("demo/echo", "warm", 8)).status()).isEqualTo(200);

        redis.stop();
        try {
            for (Api api : List.of(apiA, apiB)) {
                within(Duration.ofSeconds(3), "fail-closed refuses while Redis is away", () -> {
                    var r = api.post("/v1/chat/completions", secret, chat("demo/echo", "down", 8));
                    return r.status() == 503;
                });
            }
        } finally {
            redis.start();
        }
        for (Api api : List.of(apiA, apiB)) {
            within(Duration.ofSeconds(10), "served again once Redis is back",
                    () -> api.post("/v1/chat/completions", secret, chat("demo/echo", "back", 8)).status() == 200);
        }
        // Whatever was served, the ledger and both instances' counters agree.
        within(Duration.ofSeconds(5), "every hold is settled", () -> sql(
                "select count(*) from budget_holds where organization_id = ? and status = 'held'",
                TwoInstancesTests::count, orgId) == 0);
        // The usage record is written just after the settlement: both instances' spend meets the records' sum.
        for (Api api : List.of(apiA, apiB)) {
            String[] last = {""};
            within(Duration.ofSeconds(5), "spend equals the usage records", () -> {
                var budget = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
                var recorded = sql("select sum(cost) from usage_records where organization_id = ?", TwoInstancesTests::decimal,
                        orgId);
                last[0] = "budget " + budget + ", records " + recorded;
                return budget.get("current_spend").decimalValue().compareTo(recorded) == 0;
            }, last);
        }
    }

    @Test
    @Order(5)
    void usageOfRequestsServedWhileTheDatabaseWasAwayIsWrittenWhenItReturns() throws Exception {
        String model = slowModel();
        String orgId = organization("DatabaseAway");
        String secret = apiKey(orgId, Map.of())[1];
        java.util.concurrent.ConcurrentHashMap<String, java.math.BigDecimal> succeeded = new java.util.concurrent.ConcurrentHashMap<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 10; t++) {
                pool.submit(() -> {
                    var r = apiA.post("/v1/chat/completions", secret, chat(model, "hi", 50));
                    if (r.status() == 200) {
                        succeeded.put(r.header("x-request-id"), new java.math.BigDecimal(r.header("x-aihub-cost")));
                    }
                    return null;
                });
            }
            Thread.sleep(150); // reserved and waiting on the upstream (300 ms)...
            postgres.stop();   // ...when A loses its database ("PostgreSQL restarted")
            Thread.sleep(3500); // longer than A waits for a connection: its usage writes fail and stay journaled
            postgres.start();
        }
        assertThat(succeeded).as("requests served while the database was away").isNotEmpty();
        within(Duration.ofSeconds(20), "every served request has its usage record", () -> succeeded.keySet().stream()
                .allMatch(id -> sql("select count(*) from usage_records where request_id = ?", TwoInstancesTests::count, id) == 1));
        for (var success : succeeded.entrySet()) {
            within(Duration.ofSeconds(5), "settled " + success.getKey(), () -> sql(
                    "select count(*) from budget_holds where request_id = ? and status = 'settled'",
                    TwoInstancesTests::count, success.getKey()) == 1);
            assertThat(sql("select cost from usage_records where request_id = ?", TwoInstancesTests::decimal,
                    success.getKey())).isEqualByComparingTo(success.getValue());
        }
    }

    /** A model served by the slow fake upstream (300 ms per answer, usage 10 + 20 tokens). */
    String slowModel() throws Exception {
        String model = "cluster-slow-" + run;
        if (apiA.get("/api/v1/models/" + model, MASTER_KEY).status() == 200) {
            return model;
        }
        slowUpstream.script(FakeUpstream.delayed(300, FakeUpstream.json(200, """
                {"id":"chatcmpl-slow","object":"chat.completion","created":1,"model":"up",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":20,"total_tokens":30}}""".replace("\n", ""))));
        assertThat(apiA.post("/api/v1/models", MASTER_KEY, Map.of("name", model,
                "deployments", List.of(Map.of("provider", "openai", "base_url", slowUpstream.baseUrl(),
                        "upstream_model", "up", "weight", 1)),
                "pricing", Map.of("input_per_million", "1", "output_per_million", "2"))).status()).isEqualTo(201);
        within(Duration.ofSeconds(1), "B serves the new model", () -> apiB.get("/api/v1/models/" + model, MASTER_KEY).status() == 200);
        return model;
    }

    @Test
    @Order(9)
    void anInstanceKilledMidRequestLosesNoUsageThatAClientSawSucceed() throws Exception {
        String model = slowModel();
        String orgId = organization("Killed");
        assertThat(apiA.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY, Map.of("limit", 100)).status())
                .isEqualTo(201);
        String secret = apiKey(orgId, Map.of())[1];

        java.util.concurrent.ConcurrentHashMap<String, java.math.BigDecimal> succeeded = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger broken = new java.util.concurrent.atomic.AtomicInteger();
        long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 24; t++) {
                pool.submit(() -> {
                    while (System.nanoTime() < until) {
                        var r = tryPost(apiB, "/v1/chat/completions", secret, chat(model, "hi", 50));
                        if (r == null) {
                            broken.incrementAndGet();
                            Thread.sleep(50);
                        } else if (r.status() == 200) {
                            succeeded.put(r.header("x-request-id"), new java.math.BigDecimal(r.header("x-aihub-cost")));
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(1200);
            b.kill(); // kill -9, with requests waiting on the upstream
        }
        assertThat(succeeded).as("requests succeeded before the kill").isNotEmpty();
        assertThat(broken.get()).as("requests were cut off by the kill").isPositive();

        b.restart().awaitHealthy(START);
        apiB = b.api();
        // A's sweeper (or B's, after its restart) expires the dead instance's holds after the 15 s hold timeout,
        // and gives back, from the shared counters, holds whose ledger row the kill cut off (at their own expiry).
        within(Duration.ofSeconds(30), "no hold is left open, in the ledger or in the counters", () -> sql(
                "select count(*) from budget_holds where organization_id = ? and status = 'held'",
                TwoInstancesTests::count, orgId) == 0
                && apiA.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json().get("reserved")
                        .decimalValue().signum() == 0);

        for (var success : succeeded.entrySet()) {
            String id = success.getKey();
            assertThat(sql("select count(*) from usage_records where request_id = ?", TwoInstancesTests::count, id))
                    .as("usage records of " + id).isEqualTo(1);
            assertThat(sql("select cost from usage_records where request_id = ?", TwoInstancesTests::decimal, id))
                    .isEqualByComparingTo(success.getValue());
            assertThat(sql("select actual_cost from budget_holds where request_id = ? and status = 'settled'",
                    TwoInstancesTests::decimal, id)).as("settlement of " + id).isEqualByComparingTo(success.getValue());
        }
        // Requests cut off by the kill expire at their full amount and become usage records at that cost
        // (outcome incomplete): every hold has its usage record, and the budget's spend is their sum, to the 1e-10.
        // Usage records follow their settlements by a moment (longer while the database catches up): wait for them.
        within(Duration.ofSeconds(15), "every settled or expired hold has its usage record", () -> sql(
                "select count(*) from usage_records where organization_id = ?", TwoInstancesTests::count, orgId)
                == sql("select count(*) from budget_holds where organization_id = ? and status in ('settled', 'expired')",
                        TwoInstancesTests::count, orgId));
        java.math.BigDecimal recorded = sql("select sum(cost) from usage_records where organization_id = ?",
                TwoInstancesTests::decimal, orgId);
        java.math.BigDecimal expired = sql("select coalesce(sum(actual_cost), 0) from budget_holds where organization_id = ? and status = 'expired'",
                TwoInstancesTests::decimal, orgId);
        java.math.BigDecimal incomplete = sql(
                "select coalesce(sum(cost), 0) from usage_records where organization_id = ? and outcome = 'incomplete'",
                TwoInstancesTests::decimal, orgId);
        assertThat(incomplete).as("the expired holds' usage records").isEqualByComparingTo(expired);
        java.math.BigDecimal sumOfSuccesses = succeeded.values().stream().reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        assertThat(recorded).isGreaterThanOrEqualTo(sumOfSuccesses);
        for (Api api : List.of(apiA, apiB)) {
            var budget = api.get("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY).json();
            assertThat(budget.get("current_spend").decimalValue()).isEqualByComparingTo(recorded);
            assertThat(budget.get("reserved").decimalValue()).isZero();
        }
    }

    // ------------------------------------------------------------------ helpers

    String organization(String name) {
        var created = apiA.post("/api/v1/organizations", MASTER_KEY, Map.of("name", name + " " + run + " " + UUID.randomUUID()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    /** Creates a key (on A) and answers {id, secret}. */
    String[] apiKey(String orgId, Map<String, Object> settings) {
        Map<String, Object> body = new LinkedHashMap<>(settings);
        body.putIfAbsent("name", "key " + UUID.randomUUID());
        var created = apiA.post("/api/v1/organizations/" + orgId + "/api-keys", MASTER_KEY, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new String[] {created.field("id"), created.field("api_key")};
    }

    static Map<String, Object> chat(String model, String text, int maxTokens) {
        return Map.of("model", model, "max_tokens", maxTokens, "messages", List.of(Map.of("role", "user", "content", text)));
    }

    /** A request that may meet a dead instance: null when the connection broke. */
    static Api.Response tryPost(Api api, String path, String token, Object body) {
        try {
            return api.post(path, token, body);
        } catch (IllegalStateException broken) {
            return null;
        }
    }

    <T> T sql(String query, java.util.function.Function<java.sql.ResultSet, T> read, Object... params) {
        synchronized (this) {
            return query(query, read, params);
        }
    }

    private <T> T query(String query, java.util.function.Function<java.sql.ResultSet, T> read, Object... params) {
        try (var st = checks.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (var rs = st.executeQuery()) {
                rs.next();
                return read.apply(rs);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static java.math.BigDecimal decimal(java.sql.ResultSet rs) {
        try {
            java.math.BigDecimal v = rs.getBigDecimal(1);
            return v == null ? java.math.BigDecimal.ZERO : v;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(java.sql.ResultSet rs) {
        try {
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
