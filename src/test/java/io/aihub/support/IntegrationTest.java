package io.aihub.support;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that boot the whole hub on a random port against the suite's database (H2 or
 * PostgreSQL, see {@link TestDatabase}) and talk to it over real HTTP. Every subclass shares one
 * application context; tests isolate themselves by creating their own organizations and users.
 */
@ExtendWith(RequiresDatabase.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "aihub.master-key=" + IntegrationTest.MASTER_KEY,
        "aihub.auth.bcrypt-cost=4",
        // Cached contexts stay open for the whole run; idle ones shrink to one connection so that a dozen of
        // them fit in PostgreSQL's 100 connections (shared with other runs on this machine).
        "spring.datasource.hikari.minimum-idle=1",
        "spring.datasource.hikari.idle-timeout=10000",
})
public abstract class IntegrationTest {

    public static final String MASTER_KEY = "test-master-key-0123456789abcdef";

    @LocalServerPort
    protected int port;

    protected Api api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        if (TestDatabase.unavailableReason() != null) {
            return; // RequiresDatabase skips the tests; the context is never used
        }
        TestDatabase.Settings db = TestDatabase.newDatabase();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }

    @BeforeEach
    void connectApi() {
        api = new Api(port);
    }

    /** A unique suffix, so tests sharing one database never collide. */
    protected static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    protected String createOrganization(String token, String name) {
        var response = api.post("/api/v1/organizations", token, Map.of("name", name + " " + unique()));
        if (response.status() != 201) {
            throw new AssertionError("create organization: " + response);
        }
        return response.field("id");
    }

    /** Creates a user with the master key and returns its id. */
    protected String createUser(String email, String password) {
        var response = api.post("/api/v1/users", MASTER_KEY, Map.of("email", email, "password", password, "name", email));
        if (response.status() != 201) {
            throw new AssertionError("create user: " + response);
        }
        return response.field("id");
    }

    protected String login(String email, String password) {
        var response = api.post("/api/v1/auth/login", null, Map.of("email", email, "password", password));
        if (response.status() != 200) {
            throw new AssertionError("login: " + response);
        }
        return response.field("access_token");
    }

    /** A user with {@code role} in {@code orgId}; returns its access token. */
    protected TestUser userWithRole(String orgId, String role) {
        String email = role + "-" + unique() + "@example.com";
        String id = createUser(email, "password-" + role);
        var added = api.post("/api/v1/organizations/" + orgId + "/members", MASTER_KEY, Map.of("user_id", id, "role", role));
        if (added.status() != 201) {
            throw new AssertionError("add member: " + added);
        }
        return new TestUser(id, email, login(email, "password-" + role));
    }

    /** Creates an API key (master key) and returns it: id and the plaintext secret shown once. */
    protected TestKey createApiKey(String orgId, Map<String, Object> settings) {
        Map<String, Object> body = new java.util.HashMap<>(settings);
        body.putIfAbsent("name", "key " + unique());
        var response = api.post("/api/v1/organizations/" + orgId + "/api-keys", MASTER_KEY, body);
        if (response.status() != 201) {
            throw new AssertionError("create api key: " + response);
        }
        return new TestKey(response.field("id"), response.field("api_key"));
    }

    protected TestKey createApiKey(String orgId) {
        return createApiKey(orgId, Map.of());
    }

    public record TestKey(String id, String secret) {
    }

    public record TestUser(String id, String email, String token) {
    }
}
