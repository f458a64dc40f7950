package io.aihub.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** What each role may and may not do over HTTP, and that other organizations are invisible (404). */
class RoleMatrixApiTests extends IntegrationTest {

    private String orgId;
    private String otherOrgId;
    private String otherTeamId;

    @BeforeEach
    void organizations() {
        orgId = createOrganization(MASTER_KEY, "Matrix");
        otherOrgId = createOrganization(MASTER_KEY, "Elsewhere");
        otherTeamId = api.post("/api/v1/organizations/" + otherOrgId + "/teams", MASTER_KEY, Map.of("name", "theirs"))
                .field("id");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // role,  read org, update org, create team, list members, add member, grant owner, create user
            "owner,   200,      200,        201,         200,          201,        201,         201",
            "admin,   200,      200,        201,         200,          201,        403,         201",
            "member,  200,      403,        403,         200,          403,        403,         403",
            "viewer,  200,      403,        403,         200,          403,        403,         403",
    })
    void roleMatrix(String role, int readOrg, int updateOrg, int createTeam, int listMembers, int addMember,
            int grantOwner, int createUser) {
        String token = userWithRole(orgId, role).token();
        String org = "/api/v1/organizations/" + orgId;

        assertThat(api.get(org, token).status()).as("read organization").isEqualTo(readOrg);
        assertThat(api.patch(org, token, Map.of("name", "Renamed")).status()).as("update organization").isEqualTo(updateOrg);
        assertThat(api.post(org + "/teams", token, Map.of("name", "t-" + unique())).status()).as("create team")
                .isEqualTo(createTeam);
        assertThat(api.get(org + "/teams", token).status()).as("list teams").isEqualTo(200);
        assertThat(api.get(org + "/members", token).status()).as("list members").isEqualTo(listMembers);

        String newcomer = createUser("new-" + unique() + "@example.com", "password-new");
        assertThat(api.post(org + "/members", token, Map.of("user_id", newcomer, "role", "viewer")).status())
                .as("add member").isEqualTo(addMember);
        String another = createUser("owner2-" + unique() + "@example.com", "password-new");
        assertThat(api.post(org + "/members", token, Map.of("user_id", another, "role", "owner")).status())
                .as("grant owner").isEqualTo(grantOwner);
        assertThat(api.post("/api/v1/users", token, Map.of("email", "made-" + unique() + "@example.com",
                "password", "password-made")).status()).as("create user").isEqualTo(createUser);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"owner", "admin", "member", "viewer"})
    void anotherOrganizationsIdsAnswer404ForEveryRole(String role) {
        String token = userWithRole(orgId, role).token();
        String other = "/api/v1/organizations/" + otherOrgId;
        String someone = createUser("someone-" + unique() + "@example.com", "password-x");

        assertThat(api.get(other, token).status()).isEqualTo(404);
        assertThat(api.patch(other, token, Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(api.get(other + "/teams", token).status()).isEqualTo(404);
        assertThat(api.post(other + "/teams", token, Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(api.get(other + "/teams/" + otherTeamId, token).status()).isEqualTo(404);
        assertThat(api.patch(other + "/teams/" + otherTeamId, token, Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(api.delete(other + "/teams/" + otherTeamId, token).status()).isEqualTo(404);
        assertThat(api.get(other + "/members", token).status()).isEqualTo(404);
        assertThat(api.post(other + "/members", token, Map.of("user_id", someone, "role", "viewer")).status()).isEqualTo(404);
        assertThat(api.patch(other + "/members/" + someone, token, Map.of("role", "viewer")).status()).isEqualTo(404);
        assertThat(api.delete(other + "/members/" + someone, token).status()).isEqualTo(404);
        // The other organization's team through our own organization's path is just as unknown.
        assertThat(api.get("/api/v1/organizations/" + orgId + "/teams/" + otherTeamId, token).status()).isEqualTo(404);
        // And a 404 for a foreign id reads exactly like one for an id that never existed.
        var foreign = api.get(other, token);
        var missing = api.get("/api/v1/organizations/org-00000000000000000000000000", token);
        assertThat(foreign.json().get("detail")).isEqualTo(missing.json().get("detail"));
        // Nothing changed over there.
        assertThat(api.get(other + "/teams", MASTER_KEY).json().get("data")).hasSize(1);
        assertThat(api.get(other, MASTER_KEY).field("name")).startsWith("Elsewhere");
    }

    @Test
    void usersSeeOnlyThemselves() {
        TestUser a = userWithRole(orgId, "admin");
        TestUser b = userWithRole(orgId, "viewer");
        assertThat(api.get("/api/v1/users/" + a.id(), a.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users/" + b.id(), a.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/users", a.token()).status()).isEqualTo(403);
    }
}
