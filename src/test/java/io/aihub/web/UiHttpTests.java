package io.aihub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The UI's guards over plain HTTP: sign-in redirects, session cookie, CSRF, 404 across tenants, 403 for viewers. */
class UiHttpTests extends IntegrationTest {

    private record Member(String orgId, String email, String password, UiClient ui) {
    }

    private Member member(String role) {
        String orgId = createOrganization(MASTER_KEY, "UI org");
        String email = role + "-" + unique() + "@example.com";
        String userId = createUser(email, "password-" + role);
        assertThat(api.post("/api/v1/organizations/" + orgId + "/members", MASTER_KEY,
                Map.of("user_id", userId, "role", role)).status()).isEqualTo(201);
        UiClient ui = new UiClient(port);
        assertThat(ui.signIn(email, "password-" + role).status()).isEqualTo(302);
        return new Member(orgId, email, "password-" + role, ui);
    }

    @Test
    void unauthenticatedPagesRedirectToSignIn() {
        UiClient anonymous = new UiClient(port);
        for (String path : new String[] {"/ui", "/ui/orgs/org-x", "/ui/orgs/org-x/keys", "/ui/orgs/org-x/budgets"}) {
            UiClient.Page page = anonymous.get(path);
            assertThat(page.status()).as(path).isEqualTo(302);
            assertThat(page.location()).as(path).endsWith("/ui/sign-in");
        }
        assertThat(anonymous.get("/ui/sign-in").status()).isEqualTo(200);
        anonymous.cookie = SessionCookie.NAME + "=ses_forged";
        assertThat(anonymous.get("/ui/orgs/org-x").location()).endsWith("/ui/sign-in");
    }

    @Test
    void wrongPasswordIsRefusedWithoutACookie() {
        Member owner = member("owner");
        UiClient other = new UiClient(port);
        UiClient.Page page = other.signIn(owner.email(), "not-the-password");
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.body()).contains("Invalid email or password");
        assertThat(other.cookie).isNull();
    }

    @Test
    void signInPostedFromAnotherSiteIsRefused() {
        Member owner = member("owner");
        UiClient.Page page = new UiClient(port).post("/ui/sign-in",
                Map.of("email", owner.email(), "password", owner.password()), Map.of("Origin", "https://evil.example"));
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.raw().headers().firstValue("Set-Cookie")).isEmpty();
        UiClient.Page signIn = new UiClient(port).get("/ui/sign-in");
        assertThat(signIn.raw().headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
        assertThat(signIn.raw().headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void signInSetsAStrictHttpOnlyCookieAndLandsOnTheOrganization() {
        String orgId = createOrganization(MASTER_KEY, "UI org");
        String email = "owner-" + unique() + "@example.com";
        String userId = createUser(email, "password-owner");
        api.post("/api/v1/organizations/" + orgId + "/members", MASTER_KEY, Map.of("user_id", userId, "role", "owner"));
        UiClient ui = new UiClient(port);
        UiClient.Page signIn = ui.signIn(email, "password-owner");
        String setCookie = signIn.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(SessionCookie.NAME + "=ses_").contains("HttpOnly").contains("SameSite=Strict")
                .doesNotContain("Secure"); // plain HTTP here; Secure is set when the request is HTTPS
        assertThat(ui.get("/ui").location()).endsWith("/ui/orgs/" + orgId);
        assertThat(ui.get("/ui/switch?org=" + orgId).location()).endsWith("/ui/orgs/" + orgId);
        UiClient.Page dashboard = ui.get("/ui/orgs/" + orgId);
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains(email).contains("Spend this period");
    }

    @Test
    void postsWithoutTheSessionsCsrfTokenAreRejected() {
        Member owner = member("owner");
        String keys = "/ui/orgs/" + owner.orgId() + "/keys";
        assertThat(owner.ui().post(keys, Map.of("name", "no token")).status()).isEqualTo(403);
        assertThat(owner.ui().post(keys, Map.of("name", "wrong token", "_csrf", "0".repeat(64))).status()).isEqualTo(403);
        // Another session's token does not fit this session either.
        Member other = member("owner");
        String foreignToken = other.ui().get("/ui/orgs/" + other.orgId()).csrf();
        assertThat(owner.ui().post(keys, Map.of("name", "other token", "_csrf", foreignToken)).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/organizations/" + owner.orgId() + "/api-keys", MASTER_KEY).json().get("data").size())
                .isZero();
        // With the right token the same form works.
        UiClient.Page created = owner.ui().submit(keys, keys, Map.of("name", "with token"));
        assertThat(created.status()).isEqualTo(302);
        assertThat(api.get("/api/v1/organizations/" + owner.orgId() + "/api-keys", MASTER_KEY).json().get("data").size())
                .isOne();
    }

    @Test
    void anotherOrganizationsPagesAreNotFound() {
        Member owner = member("owner");
        String foreignOrg = createOrganization(MASTER_KEY, "Foreign org");
        TestKey foreignKey = createApiKey(foreignOrg);
        for (String path : new String[] {"/ui/orgs/" + foreignOrg, "/ui/orgs/" + foreignOrg + "/keys",
                "/ui/orgs/" + foreignOrg + "/budgets", "/ui/orgs/" + foreignOrg + "/usage",
                "/ui/orgs/" + foreignOrg + "/organization", "/ui/orgs/" + foreignOrg + "/keys/" + foreignKey.id(),
                "/ui/orgs/" + owner.orgId() + "/keys/" + foreignKey.id(),
                "/ui/orgs/" + owner.orgId() + "/keys/" + foreignKey.id() + "/edit", "/ui/orgs/org-does-not-exist"}) {
            UiClient.Page page = owner.ui().get(path);
            assertThat(page.status()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).doesNotContain(foreignKey.id().substring(4));
        }
        String csrf = owner.ui().get("/ui/orgs/" + owner.orgId()).csrf();
        assertThat(owner.ui().post("/ui/orgs/" + owner.orgId() + "/keys/" + foreignKey.id() + "/revoke",
                Map.of("_csrf", csrf, "confirm", "yes")).status()).isEqualTo(404);
        assertThat(owner.ui().post("/ui/orgs/" + owner.orgId() + "/keys/" + foreignKey.id() + "/edit",
                Map.of("_csrf", csrf, "rate_limit_per_minute", "7")).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/api-keys/" + foreignKey.id(), MASTER_KEY).field("status")).isEqualTo("active");
        assertThat(api.get("/api/v1/api-keys/" + foreignKey.id(), MASTER_KEY).json().get("rate_limit_per_minute").isNull())
                .isTrue();
    }

    @Test
    void viewersSeeNoWriteControlsAndTheirPostsAreForbidden() {
        Member viewer = member("viewer");
        String org = "/ui/orgs/" + viewer.orgId();
        TestKey key = createApiKey(viewer.orgId());
        assertThat(viewer.ui().get(org + "/keys").body()).doesNotContain("id=\"new-key\"").doesNotContain("batch-revoke");
        assertThat(viewer.ui().get(org + "/keys/" + key.id()).body()).doesNotContain("id=\"revoke\"");
        assertThat(viewer.ui().get(org + "/budgets").body()).doesNotContain("id=\"budget-form\"");
        assertThat(viewer.ui().get(org + "/organization").body()).doesNotContain("id=\"team-form\"");
        assertThat(viewer.ui().get(org + "/keys/new").status()).isEqualTo(403);
        String csrf = viewer.ui().get(org).csrf();
        assertThat(viewer.ui().post(org + "/keys", Map.of("_csrf", csrf, "name", "nope")).status()).isEqualTo(403);
        assertThat(viewer.ui().post(org + "/budgets", Map.of("_csrf", csrf, "target", "org", "limit", "10")).status())
                .isEqualTo(403);
        assertThat(viewer.ui().post(org + "/keys/" + key.id() + "/revoke", Map.of("_csrf", csrf, "confirm", "yes")).status())
                .isEqualTo(403);
        assertThat(viewer.ui().get(org + "/keys/" + key.id() + "/edit").status()).isEqualTo(403);
        assertThat(viewer.ui().post(org + "/keys/" + key.id() + "/edit", Map.of("_csrf", csrf, "rate_limit_per_minute", "7"))
                .status()).isEqualTo(403);
        assertThat(viewer.ui().post(org + "/keys/batch?key_ids=" + key.id(), Map.of("_csrf", csrf, "operation", "update",
                "change_rate_limit_per_minute", "yes", "rate_limit_per_minute", "7")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/api-keys/" + key.id(), MASTER_KEY).json().get("rate_limit_per_minute").isNull()).isTrue();
        assertThat(api.get("/api/v1/api-keys/" + key.id(), MASTER_KEY).field("status")).isEqualTo("active");
    }

    @Test
    void formErrorsAppearNextToTheFieldTheyName() {
        Member owner = member("owner");
        String org = "/ui/orgs/" + owner.orgId();
        UiClient.Page budget = owner.ui().submit(org + "/budgets", org + "/budgets",
                Map.of("target", "org", "limit", "-5", "period", "monthly", "alert_thresholds", "50"));
        assertThat(budget.status()).isEqualTo(422);
        assertThat(budget.body()).contains("id=\"err-limit\"").contains("limit must be more than 0");
        UiClient.Page key = owner.ui().submit(org + "/keys/new", org + "/keys",
                Map.of("name", "quota", "monthly_request_quota", "lots"));
        assertThat(key.status()).isEqualTo(422);
        assertThat(key.body()).contains("id=\"err-monthly_request_quota\"").contains("value=\"quota\"");
        UiClient.Page revoke = owner.ui().submit(org, org + "/keys/" + createApiKey(owner.orgId()).id() + "/revoke", Map.of());
        assertThat(revoke.status()).isEqualTo(422);
        assertThat(revoke.body()).contains("id=\"err-revoke_confirm\"");
    }

    @Test
    void signOutEndsTheSession() {
        Member owner = member("owner");
        String cookie = owner.ui().cookie;
        UiClient.Page out = owner.ui().submit("/ui/orgs/" + owner.orgId(), "/ui/sign-out", Map.of());
        assertThat(out.location()).endsWith("/ui/sign-in");
        assertThat(out.raw().headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        owner.ui().cookie = cookie; // a copy of the old cookie no longer works
        assertThat(owner.ui().get("/ui/orgs/" + owner.orgId()).location()).endsWith("/ui/sign-in");
    }

    @Test
    void usageDownloadsAsCsv() {
        Member viewer = member("viewer");
        UiClient.Page csv = viewer.ui().get("/ui/orgs/" + viewer.orgId() + "/usage.csv?range=7d&bucket=day&group=model");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("section,bucket_start,group,requests");
        assertThat(csv.body().lines().filter(l -> l.startsWith("history,")).count()).isEqualTo(7);
        assertThat(viewer.ui().get("/ui/orgs/" + viewer.orgId() + "/usage.csv?range=5y").status()).isEqualTo(422);
        assertThat(UsagePages.csvCell("=cmd()")).isEqualTo("\"'=cmd()\"");
    }

    @Test
    void batchRevokeRevokesTheSelectedKeysOnly() {
        Member owner = member("owner");
        String org = "/ui/orgs/" + owner.orgId();
        TestKey a = createApiKey(owner.orgId());
        TestKey b = createApiKey(owner.orgId());
        TestKey kept = createApiKey(owner.orgId());
        String csrf = owner.ui().get(org + "/keys").csrf();
        UiClient.Page unconfirmed = owner.ui().post(org + "/keys/batch?key_ids=" + a.id(), Map.of("_csrf", csrf));
        assertThat(unconfirmed.status()).isEqualTo(422);
        assertThat(api.get("/api/v1/api-keys/" + a.id(), MASTER_KEY).field("status")).isEqualTo("active");
        UiClient.Page done = owner.ui().post(org + "/keys/batch?key_ids=" + a.id() + "&key_ids=" + b.id(),
                Map.of("_csrf", csrf, "confirm", "yes"));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("2 revoked, 0 failed");
        assertThat(api.get("/api/v1/api-keys/" + a.id(), MASTER_KEY).field("status")).isEqualTo("revoked");
        assertThat(api.get("/api/v1/api-keys/" + b.id(), MASTER_KEY).field("status")).isEqualTo("revoked");
        assertThat(api.get("/api/v1/api-keys/" + kept.id(), MASTER_KEY).field("status")).isEqualTo("active");
    }

    @Test
    void batchUpdateReportsEachKeysOutcome() {
        Member member = member("member");
        String org = "/ui/orgs/" + member.orgId();
        String token = login(member.email(), member.password());
        String own = api.post("/api/v1/organizations/" + member.orgId() + "/api-keys", token, Map.of("name", "mine"))
                .field("id");
        TestKey someoneElses = createApiKey(member.orgId(), Map.of("name", "not mine"));
        String csrf = member.ui().get(org + "/keys").csrf();
        UiClient.Page done = member.ui().post(org + "/keys/batch?key_ids=" + own + "&key_ids=" + someoneElses.id(),
                Map.of("_csrf", csrf, "operation", "update", "change_max_parallel_requests", "yes",
                        "max_parallel_requests", "3", "rate_limit_per_minute", "not looked at: not ticked"));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("1 updated, 1 failed").contains("mine").contains("not mine")
                .contains("members may manage only the keys they created");
        assertThat(api.get("/api/v1/api-keys/" + own, MASTER_KEY).json().get("max_parallel_requests").asInt()).isEqualTo(3);
        assertThat(api.get("/api/v1/api-keys/" + someoneElses.id(), MASTER_KEY).json().get("max_parallel_requests").isNull())
                .isTrue();
        UiClient.Page nothingTicked = member.ui().post(org + "/keys/batch?key_ids=" + own,
                Map.of("_csrf", csrf, "operation", "update", "max_parallel_requests", "9"));
        assertThat(nothingTicked.status()).isEqualTo(422);
        assertThat(nothingTicked.body()).contains("tick at least one setting to change");
        assertThat(api.get("/api/v1/api-keys/" + own, MASTER_KEY).json().get("max_parallel_requests").asInt()).isEqualTo(3);
    }

    @Test
    void regenerateWithGraceShowsTheNewSecretOnceAndKeepsTheOldOneValidForAWhile() {
        Member owner = member("owner");
        String org = "/ui/orgs/" + owner.orgId();
        TestKey key = createApiKey(owner.orgId());
        UiClient.Page regenerated = owner.ui().submit(org + "/keys/" + key.id(), org + "/keys/" + key.id() + "/regenerate",
                Map.of("confirm", "yes", "grace_period_seconds", "3600"));
        assertThat(regenerated.location()).endsWith(org + "/keys/" + key.id() + "/secret");
        UiClient.Page shown = owner.ui().get(org + "/keys/" + key.id() + "/secret");
        assertThat(shown.body()).contains("id=\"secret\"").doesNotContain(key.secret());
        assertThat(shown.raw().headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(owner.ui().get(org + "/keys/" + key.id() + "/secret").body()).contains("secret-gone")
                .doesNotContain("id=\"secret\"");
        assertThat(api.get("/api/v1/api-keys/" + key.id(), MASTER_KEY).field("previous_key_valid_until")).isNotNull();
        UiClient.Page badGrace = owner.ui().submit(org + "/keys/" + key.id(), org + "/keys/" + key.id() + "/regenerate",
                Map.of("confirm", "yes", "grace_period_seconds", "99999999"));
        assertThat(badGrace.status()).isEqualTo(422);
        assertThat(badGrace.body()).contains("id=\"err-grace_period_seconds\"");
    }

    @Test
    void budgetPagesCreateEditAndConfigureAlerts() {
        Member owner = member("owner");
        String org = "/ui/orgs/" + owner.orgId();
        TestKey key = createApiKey(owner.orgId());
        UiClient.Page offer = owner.ui().get(org + "/budgets/view?target=key:" + key.id());
        assertThat(offer.status()).isEqualTo(200);
        assertThat(offer.body()).contains("id=\"budget-form\"").contains("value=\"key:" + key.id() + "\" selected");
        UiClient.Page created = owner.ui().submit(org + "/budgets", org + "/budgets",
                Map.of("target", "key:" + key.id(), "limit", "12.5", "period", "weekly", "alert_thresholds", "80, 100",
                        "hard_limit", "on"));
        assertThat(created.location()).endsWith(org + "/budgets/view?target=key:" + key.id());
        var stored = api.get("/api/v1/organizations/" + owner.orgId() + "/api-keys/" + key.id() + "/budget", MASTER_KEY);
        assertThat(stored.json().get("limit").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(stored.field("period")).isEqualTo("weekly");
        UiClient.Page badAlerts = owner.ui().submit(org + "/budgets/view?target=key:" + key.id(), org + "/budgets/alerts",
                Map.of("target", "key:" + key.id(), "alert_thresholds", "80", "slack_url", "not a url"));
        assertThat(badAlerts.status()).isEqualTo(422);
        assertThat(badAlerts.body()).contains("id=\"err-slack\"");
        UiClient.Page alerts = owner.ui().submit(org + "/budgets/view?target=key:" + key.id(), org + "/budgets/alerts",
                Map.of("target", "key:" + key.id(), "alert_thresholds", "60, 90", "email_to", "ops@example.com"));
        assertThat(alerts.status()).isEqualTo(302);
        assertThat(owner.ui().get(org + "/budgets/view?target=key:" + key.id()).body()).contains("[60, 90]")
                .contains("ops@example.com");
        UiClient.Page tested = owner.ui().submit(org + "/budgets/view?target=key:" + key.id(), org + "/budgets/alerts/test",
                Map.of("target", "key:" + key.id()));
        assertThat(tested.status()).isEqualTo(200);
        assertThat(tested.body()).contains("<strong>email</strong>"); // the channel's own result, sent or failed
        UiClient.Page deleted = owner.ui().submit(org + "/budgets", org + "/budgets/delete",
                Map.of("target", "key:" + key.id(), "confirm", "yes"));
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(api.get("/api/v1/organizations/" + owner.orgId() + "/api-keys/" + key.id() + "/budget", MASTER_KEY)
                .status()).isEqualTo(404);
    }

    @Test
    void ownersManageTeamsAndMembers() {
        Member owner = member("owner");
        String org = "/ui/orgs/" + owner.orgId();
        assertThat(owner.ui().submit(org + "/organization", org + "/teams", Map.of("name", "Research")).status()).isEqualTo(302);
        UiClient.Page duplicate = owner.ui().submit(org + "/organization", org + "/teams", Map.of("name", "Research"));
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.body()).contains("already exists");
        String email = "new-" + unique() + "@example.com";
        UiClient.Page shortPassword = owner.ui().submit(org + "/organization", org + "/members",
                Map.of("email", email, "name", "New", "password", "short", "role", "viewer"));
        assertThat(shortPassword.status()).isEqualTo(422);
        assertThat(shortPassword.body()).contains("id=\"err-password\"");
        assertThat(owner.ui().submit(org + "/organization", org + "/members",
                Map.of("email", email, "name", "New", "password", "long-enough-password", "role", "viewer")).status())
                .isEqualTo(302);
        UiClient newcomer = new UiClient(port);
        newcomer.signIn(email, "long-enough-password");
        UiClient.Page page = newcomer.get(org + "/organization");
        assertThat(page.body()).contains("Research").contains("id=\"who-role\">viewer");
    }
}
