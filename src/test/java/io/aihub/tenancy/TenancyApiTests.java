package io.aihub.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Organizations, users, login, memberships and teams over real HTTP. */
class TenancyApiTests extends IntegrationTest {

    @Test
    void creatorOfAnOrganizationBecomesItsOwner() {
        String email = "founder-" + unique() + "@example.com";
        String userId = createUser(email, "founder-password");
        String token = login(email, "founder-password");

        var created = api.post("/api/v1/organizations", token, Map.of("name", "Acme", "timezone", "Europe/Berlin"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.field("timezone")).isEqualTo("Europe/Berlin");
        assertThat(created.field("id")).startsWith("org-");
        String orgId = created.field("id");

        var members = api.get("/api/v1/organizations/" + orgId + "/members", token);
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.json().get("data")).hasSize(1);
        assertThat(members.json().get("data").get(0).get("user_id").asString()).isEqualTo(userId);
        assertThat(members.json().get("data").get(0).get("role").asString()).isEqualTo("owner");

        var mine = api.get("/api/v1/organizations", token);
        assertThat(mine.json().get("data")).hasSize(1);
        assertThat(mine.json().get("data").get(0).get("id").asString()).isEqualTo(orgId);
    }

    @Test
    void organizationTimezoneDefaultsToUtcAndIsValidated() {
        var created = api.post("/api/v1/organizations", MASTER_KEY, Map.of("name", "Zoned"));
        assertThat(created.field("timezone")).isEqualTo("UTC");

        var bad = api.post("/api/v1/organizations", MASTER_KEY, Map.of("name", "Zoned", "timezone", "Mars/Olympus"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.field("field")).isEqualTo("timezone");
        assertThat(bad.header("content-type")).startsWith("application/problem+json");

        var updated = api.patch("/api/v1/organizations/" + created.field("id"), MASTER_KEY, Map.of("timezone", "Asia/Tokyo"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.field("timezone")).isEqualTo("Asia/Tokyo");
    }

    @Test
    void listsArePaginatedWithACursor() {
        String orgId = createOrganization(MASTER_KEY, "Paged");
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/organizations/" + orgId + "/teams", MASTER_KEY, Map.of("name", "team " + i)).status())
                    .isEqualTo(201);
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = api.get("/api/v1/organizations/" + orgId + "/teams?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    MASTER_KEY);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().get("limit").asInt()).isEqualTo(2);
            page.json().get("data").forEach(team -> seen.add(team.get("id").asString()));
            cursor = page.field("next_cursor");
            assertThat(page.json().get("has_more").asBoolean()).isEqualTo(cursor != null);
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(5);
        assertThat(pages).isEqualTo(3);

        assertThat(api.get("/api/v1/organizations/" + orgId + "/teams?limit=0", MASTER_KEY).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/organizations/" + orgId + "/teams?limit=abc", MASTER_KEY).field("field")).isEqualTo("limit");
        assertThat(api.get("/api/v1/organizations/" + orgId + "/teams?cursor=%27;drop", MASTER_KEY).status()).isEqualTo(400);
    }

    @Test
    void teamsAreCreatedRenamedAndDeleted() {
        String orgId = createOrganization(MASTER_KEY, "Teams");
        var team = api.post("/api/v1/organizations/" + orgId + "/teams", MASTER_KEY, Map.of("name", "Research"));
        assertThat(team.status()).isEqualTo(201);
        String teamId = team.field("id");
        assertThat(api.post("/api/v1/organizations/" + orgId + "/teams", MASTER_KEY, Map.of("name", "Research")).status())
                .isEqualTo(409);
        assertThat(api.patch("/api/v1/organizations/" + orgId + "/teams/" + teamId, MASTER_KEY, Map.of("name", "R&D"))
                .field("name")).isEqualTo("R&D");
        assertThat(api.get("/api/v1/organizations/" + orgId + "/teams/" + teamId, MASTER_KEY).field("name")).isEqualTo("R&D");
        assertThat(api.delete("/api/v1/organizations/" + orgId + "/teams/" + teamId, MASTER_KEY).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/organizations/" + orgId + "/teams/" + teamId, MASTER_KEY).status()).isEqualTo(404);
    }

    @Test
    void loginLogoutAndBadCredentials() {
        String email = "login-" + unique() + "@example.com";
        createUser(email, "correct-horse");
        assertThat(api.post("/api/v1/auth/login", null, Map.of("email", email, "password", "wrong-horse")).status())
                .isEqualTo(401);
        assertThat(api.post("/api/v1/auth/login", null, Map.of("email", "nobody@example.com", "password", "x")).status())
                .isEqualTo(401);
        var login = api.post("/api/v1/auth/login", null, Map.of("email", email.toUpperCase(), "password", "correct-horse"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.field("expires_at")).isNotBlank();
        String token = login.field("access_token");
        assertThat(token).startsWith("ses_");

        assertThat(api.get("/api/v1/auth/me", token).field("email")).isEqualTo(email);
        assertThat(api.post("/api/v1/auth/logout", token, null).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/auth/me", token).status()).isEqualTo(401);
    }

    @Test
    void usersAreValidatedAndEmailsAreUnique() {
        String email = "dup-" + unique() + "@example.com";
        createUser(email, "password-1");
        assertThat(api.post("/api/v1/users", MASTER_KEY, Map.of("email", email, "password", "password-2")).status())
                .isEqualTo(409);
        var badEmail = api.post("/api/v1/users", MASTER_KEY, Map.of("email", "not-an-email", "password", "password-2"));
        assertThat(badEmail.status()).isEqualTo(422);
        assertThat(badEmail.field("field")).isEqualTo("email");
        var shortPassword = api.post("/api/v1/users", MASTER_KEY, Map.of("email", "x" + email, "password", "short"));
        assertThat(shortPassword.field("field")).isEqualTo("password");
        var list = api.get("/api/v1/users?limit=1", MASTER_KEY);
        assertThat(list.json().get("data")).hasSize(1);
        assertThat(list.body()).doesNotContain("password");
    }

    @Test
    void theLastOwnerCannotBeRemovedOrDemoted() {
        String email = "owner-" + unique() + "@example.com";
        String ownerId = createUser(email, "owner-password");
        String token = login(email, "owner-password");
        String orgId = createOrganization(token, "Owned");
        assertThat(api.patch("/api/v1/organizations/" + orgId + "/members/" + ownerId, token, Map.of("role", "admin"))
                .status()).isEqualTo(409);
        assertThat(api.delete("/api/v1/organizations/" + orgId + "/members/" + ownerId, token).status()).isEqualTo(409);
    }
}
