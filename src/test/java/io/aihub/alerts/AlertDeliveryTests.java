package io.aihub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.aihub.budgets.BudgetScope;
import io.aihub.budgets.BudgetService;
import io.aihub.support.Api;
import io.aihub.support.ClockedIntegrationTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Alerts that arrive: a signed webhook on a real local server, an e-mail in GreenMail, retries with
 * backoff after the receiver was down, and failure after the last retry. The poller is slowed to
 * once an hour so the test drives evaluation and delivery itself, with a hand-moved clock.
 */
@TestPropertySource(properties = {
        "aihub.alerts.poll-interval=1h",
        "aihub.alerts.initial-backoff=1m",
        "aihub.alerts.max-backoff=10m",
        "aihub.alerts.max-attempts=3",
        "aihub.alerts.http-timeout=2s",
})
class AlertDeliveryTests extends ClockedIntegrationTest {

    static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        MAIL.start();
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("aihub.alerts.smtp.host", () -> "127.0.0.1");
        registry.add("aihub.alerts.smtp.port", () -> MAIL.getSmtp().getPort());
        registry.add("aihub.alerts.smtp.from", () -> "alerts@aihub.test");
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @Autowired
    BudgetService budgets;
    @Autowired
    AlertService alerts;

    private String orgId;

    @BeforeEach
    void organization() {
        clock.set(Instant.parse("2026-08-10T10:00:00Z"));
        alerts.evaluatePending();
        alerts.deliverDue(); // nothing left over from another test
        orgId = createOrganization(MASTER_KEY, "Alerts");
        assertThat(api.post(path(), MASTER_KEY, Map.of("limit", 100)).status()).isEqualTo(201);
    }

    private String path() {
        return "/api/v1/organizations/" + orgId + "/budgets";
    }

    private void configure(List<Map<String, Object>> channels) {
        var response = api.post(path() + "/alerts", MASTER_KEY, Map.of("channels", channels));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private void spend(String amount) {
        budgets.recordUsage(BudgetScope.organization(orgId), new BigDecimal(amount), "req-" + unique());
    }

    private JsonNode alertList() {
        var response = api.get("/api/v1/budgets/alerts?organization_id=" + orgId, MASTER_KEY);
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("data");
    }

    /** Threshold alerts only: a big spend in the first hour of a budget also (rightly) projects an overspend. */
    private JsonNode thresholdAlerts() {
        var out = Api.JSON.createArrayNode();
        alertList().forEach(a -> {
            if (a.get("type").asString().equals("threshold")) out.add(a);
        });
        return out;
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCrossedThresholdArrivesAsASignedWebhookOnce() throws Exception {
        try (Receiver receiver = new Receiver()) {
            configure(List.of(Map.of("type", "webhook", "url", receiver.url(), "secret", "whsec-alpha")));
            spend("55");

            assertThat(alerts.evaluatePending()).isEqualTo(2); // 50% and a projected overspend
            assertThat(alerts.deliverDue()).isEqualTo(2);

            Receiver.Received hook = receiver.received.stream().filter(r -> r.body().contains("budget.threshold"))
                    .findFirst().orElseThrow();
            assertThat(hook).isNotNull();
            assertThat(hook.signature()).isEqualTo(hmac("whsec-alpha", hook.body()));
            assertThat(hook.contentType()).isEqualTo("application/json");
            JsonNode payload = Api.JSON.readTree(hook.body());
            assertThat(payload.get("type").asString()).isEqualTo("budget.threshold");
            assertThat(payload.get("threshold").asInt()).isEqualTo(50);
            assertThat(payload.get("organization_id").asString()).isEqualTo(orgId);
            assertThat(payload.get("spend").decimalValue()).isEqualByComparingTo("55");

            spend("1");
            assertThat(alerts.evaluatePending()).as("each crossing fires once per period").isZero();
            JsonNode listed = thresholdAlerts();
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("delivery_status").asString()).isEqualTo("delivered");
            assertThat(listed.get(0).get("deliveries").get(0).get("attempts").asInt()).isEqualTo(1);
        }
    }

    @Test
    void thresholdAlertsArriveByEmailAndSlack() throws Exception {
        try (Receiver slack = new Receiver()) {
            configure(List.of(Map.of("type", "email", "to", List.of("ops@example.com")),
                    Map.of("type", "slack", "url", slack.url())));
            spend("85");
            assertThat(alerts.evaluatePending()).isEqualTo(3); // 50%, 80% and a projected overspend
            assertThat(alerts.deliverDue()).isEqualTo(6);

            assertThat(MAIL.waitForIncomingEmail(5_000, 3)).isTrue();
            var subjects = java.util.Arrays.stream(MAIL.getReceivedMessagesForDomain("example.com")).map(m -> {
                try {
                    return m.getSubject();
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(subjects).contains("AI Hub: organization budget at 80%", "AI Hub: organization budget at 50%");
            assertThat(slack.received).hasSize(3);
            assertThat(Api.JSON.readTree(slack.received.peek().body()).get("text").asString())
                    .startsWith("AI Hub budget alert: the organization budget");
        }
    }

    @Test
    void aReceiverThatWasDownGetsTheAlertOnALaterRetry() throws Exception {
        try (Receiver receiver = new Receiver()) {
            configure(List.of(Map.of("type", "webhook", "url", receiver.url(), "secret", "s3cret")));
            receiver.status.set(503);
            spend("100");
            assertThat(alerts.evaluatePending()).isEqualTo(3); // 50, 80, 100
            assertThat(alerts.deliverDue()).isZero();
            JsonNode pending = thresholdAlerts().get(0);
            assertThat(pending.get("delivery_status").asString()).isEqualTo("pending");
            assertThat(pending.get("deliveries").get(0).get("last_error").asString()).contains("HTTP 503");

            receiver.status.set(200);
            clock.advance(Duration.ofSeconds(59));
            assertThat(alerts.deliverDue()).as("backing off: nothing is due yet").isZero();
            clock.advance(Duration.ofSeconds(1));
            assertThat(alerts.deliverDue()).isEqualTo(3);
            assertThat(receiver.received).hasSize(3);
            for (Receiver.Received r : receiver.received) {
                assertThat(r.signature()).isEqualTo(hmac("s3cret", r.body()));
            }
            JsonNode delivered = thresholdAlerts().get(0);
            assertThat(delivered.get("delivery_status").asString()).isEqualTo("delivered");
            assertThat(delivered.get("deliveries").get(0).get("attempts").asInt()).isEqualTo(2);
        }
    }

    @Test
    void afterTheLastRetryTheAlertIsMarkedFailed() throws Exception {
        try (Receiver receiver = new Receiver()) {
            configure(List.of(Map.of("type", "slack", "url", receiver.url())));
            receiver.status.set(500);
            spend("60");
            alerts.evaluatePending();
            alerts.deliverDue();          // attempt 1
            clock.advance(Duration.ofMinutes(1));
            alerts.deliverDue();          // attempt 2, then waits 2 minutes
            clock.advance(Duration.ofMinutes(1));
            alerts.deliverDue();          // not due
            assertThat(thresholdAlerts().get(0).get("delivery_status").asString()).isEqualTo("pending");
            clock.advance(Duration.ofMinutes(1));
            alerts.deliverDue();          // attempt 3: the last
            JsonNode failed = thresholdAlerts().get(0);
            assertThat(failed.get("delivery_status").asString()).isEqualTo("failed");
            assertThat(failed.get("deliveries").get(0).get("status").asString()).isEqualTo("failed");
            assertThat(failed.get("deliveries").get(0).get("attempts").asInt()).isEqualTo(3);
        }
    }

    @Test
    void theTestEndpointSendsThroughEveryChannelAndReportsEach() throws Exception {
        try (Receiver hook = new Receiver(); Receiver slack = new Receiver(); Receiver down = new Receiver()) {
            down.status.set(502);
            configure(List.of(Map.of("type", "webhook", "url", hook.url(), "secret", "k"),
                    Map.of("type", "slack", "url", slack.url()),
                    Map.of("type", "email", "to", List.of("test-" + orgId.substring(4, 10) + "@example.org")),
                    Map.of("type", "webhook", "url", down.url())));
            var response = api.post(path() + "/alerts/test", MASTER_KEY, null);
            assertThat(response.status()).isEqualTo(200);
            JsonNode results = response.json().get("results");
            assertThat(results).hasSize(4);
            assertThat(results.get(0).get("channel").asString()).isEqualTo("webhook");
            assertThat(results.get(0).get("ok").asBoolean()).isTrue();
            assertThat(results.get(1).get("ok").asBoolean()).isTrue();
            assertThat(results.get(2).get("channel").asString()).isEqualTo("email");
            assertThat(results.get(2).get("ok").asBoolean()).isTrue();
            assertThat(results.get(3).get("ok").asBoolean()).isFalse();
            assertThat(results.get(3).get("detail").asString()).contains("502").doesNotContain("127.0.0.1");
            assertThat(hook.received.peek().signature()).isEqualTo(hmac("k", hook.received.peek().body()));
            assertThat(Api.JSON.readTree(hook.received.peek().body()).get("type").asString()).isEqualTo("budget.test");
            assertThat(MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
            // GET does the same.
            assertThat(api.get(path() + "/alerts/test", MASTER_KEY).json().get("results")).hasSize(4);
        }
    }

    @Test
    void aProjectedOverspendFiresOnce() throws Exception {
        try (Receiver receiver = new Receiver()) {
            configure(List.of(Map.of("type", "webhook", "url", receiver.url())));
            clock.advance(Duration.ofDays(1));
            spend("40"); // 40 in about a day, August has 31 days
            alerts.evaluatePending();
            assertThat(alertList()).extracting(a -> a.get("type").asString()).contains("projected_overspend");
            spend("1");
            assertThat(alerts.evaluatePending()).isZero();
        }
    }
}
