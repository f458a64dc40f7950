package io.aihub.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** An organization without keys, budgets or usage: nothing to recommend, roles and tenancy apply. */
class InsightsDefaultsTests extends IntegrationTest {

    @Test
    void anOrganizationWithoutDataGetsNoRecommendationsAndRolesApply() {
        String org = createOrganization(MASTER_KEY, "Bare");
        var viewer = userWithRole(org, "viewer");
        var r = api.get("/api/v1/organizations/" + org + "/recommendations", viewer.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("sources").get("keys").asBoolean()).isTrue();
        assertThat(r.json().get("sources").get("budgets").asBoolean()).isTrue();
        assertThat(r.json().get("data")).isEmpty();
        var anomalies = api.get("/api/v1/organizations/" + org + "/anomalies", viewer.token());
        assertThat(anomalies.status()).isEqualTo(200);
        assertThat(anomalies.json().get("data")).isEmpty();
        var outsider = userWithRole(createOrganization(MASTER_KEY, "Else"), "member");
        assertThat(api.get("/api/v1/organizations/" + org + "/recommendations", outsider.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/organizations/" + org + "/anomalies", outsider.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/organizations/" + org + "/anomalies?cursor=%27%3B", viewer.token()).status())
                .isEqualTo(400);
    }
}
