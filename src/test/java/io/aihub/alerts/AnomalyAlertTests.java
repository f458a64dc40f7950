package io.aihub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.insights.AnomalyIncident;
import io.aihub.insights.AnomalyScan;
import io.aihub.support.ClockedIntegrationTest;
import io.aihub.usage.UsageRecord;
import io.aihub.usage.UsageService;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Usage anomalies found by the real scan travel through the organization budget's alert channels: a signed
 * webhook on a real local server, once per incident, listed with the budget alerts as kind {@code anomaly}.
 * Without a budget the alert is stored and listed, and delivered nowhere.
 */
@TestPropertySource(properties = {"aihub.insights.anomaly-cron=-", "aihub.alerts.poll-interval=1h"})
class AnomalyAlertTests extends ClockedIntegrationTest {

    static final Instant NOW = Instant.parse("2026-05-20T12:10:00Z");
    static final Instant JUDGED = Instant.parse("2026-05-20T11:00:00Z");

    @Autowired
    UsageService usage;
    @Autowired
    AnomalyScan scan;
    @Autowired
    AlertService alerts;

    @Test
    void anAnomalyArrivesAsASignedWebhookOnceAndIsListedWithTheBudgetAlerts() throws Exception {
        clock.set(NOW);
        alerts.deliverDue(); // nothing left over from another test
        String org = createOrganization(MASTER_KEY, "Spiky");
        assertThat(api.post(budgets(org), MASTER_KEY, Map.of("limit", 1000)).status()).isEqualTo(201);
        try (Receiver receiver = new Receiver()) {
            var configured = api.post(budgets(org) + "/alerts", MASTER_KEY, Map.of("channels",
                    List.of(Map.of("type", "webhook", "url", receiver.url(), "secret", "whsec-anomaly"))));
            assertThat(configured.status()).as(configured.body()).isEqualTo(200);
            spike(org);

            List<AnomalyIncident> raised = scan.scan(NOW).stream().filter(i -> i.organizationId().equals(org)).toList();
            assertThat(raised).hasSize(2); // the organization and its key
            assertThat(alerts.deliverDue()).isEqualTo(2);
            assertThat(scan.scan(NOW).stream().filter(i -> i.organizationId().equals(org))).isEmpty();
            assertThat(alerts.deliverDue()).as("once per incident").isZero();

            Receiver.Received hook = receiver.received.poll(5, TimeUnit.SECONDS);
            Receiver.Received second = receiver.received.poll(5, TimeUnit.SECONDS);
            assertThat(receiver.received).isEmpty();
            for (Receiver.Received r : List.of(hook, second)) {
                assertThat(r.signature()).isEqualTo(hmac("whsec-anomaly", r.body()));
            }
            JsonNode orgHook = List.of(hook, second).stream().map(r -> io.aihub.support.Api.JSON.readTree(r.body()))
                    .filter(j -> j.get("scope").asString().equals("organization")).findFirst().orElseThrow();
            AnomalyIncident orgIncident = raised.stream().filter(i -> i.subjectKind().equals("organization")).findFirst()
                    .orElseThrow();
            assertThat(orgHook.get("type").asString()).isEqualTo("usage.anomaly");
            assertThat(orgHook.get("anomaly_id").asString()).isEqualTo(orgIncident.id());
            assertThat(orgHook.get("metric").asString()).isEqualTo("cost");
            assertThat(orgHook.get("observed").decimalValue()).isEqualByComparingTo(orgIncident.observed());
            assertThat(orgHook.get("hour_start").asString()).isEqualTo(JUDGED.toString());

            var listed = api.get("/api/v1/budgets/alerts?organization_id=" + org, MASTER_KEY);
            assertThat(listed.status()).isEqualTo(200);
            JsonNode data = listed.json().get("data");
            assertThat(data).hasSize(2);
            data.forEach(a -> {
                assertThat(a.get("type").asString()).isEqualTo("anomaly");
                assertThat(a.get("delivery_status").asString()).isEqualTo("delivered");
                assertThat(a.get("metric").asString()).isEqualTo("cost");
            });
            JsonNode ofBudget = api.get(budgets(org) + "/alerts", userWithRole(org, "viewer").token()).json().get("alerts");
            assertThat(ofBudget).hasSize(2);
            var outsider = userWithRole(createOrganization(MASTER_KEY, "Else"), "owner");
            assertThat(api.get("/api/v1/budgets/alerts?organization_id=" + org, outsider.token()).status()).isEqualTo(404);
        }
    }

    @Test
    void withoutABudgetTheAnomalyIsStoredAndListedButDeliveredNowhere() {
        clock.set(NOW);
        alerts.deliverDue();
        String org = createOrganization(MASTER_KEY, "No budget");
        spike(org);
        assertThat(scan.scan(NOW).stream().filter(i -> i.organizationId().equals(org))).hasSize(2);
        var listed = api.get("/api/v1/budgets/alerts?organization_id=" + org, userWithRole(org, "member").token());
        assertThat(listed.status()).isEqualTo(200);
        JsonNode data = listed.json().get("data");
        assertThat(data).hasSize(2);
        data.forEach(a -> {
            assertThat(a.get("type").asString()).isEqualTo("anomaly");
            assertThat(a.get("budget_id").isNull()).isTrue();
            assertThat(a.get("delivery_status").asString()).isEqualTo("no_channels");
            assertThat(a.get("deliveries")).isEmpty();
        });
    }

    /** A week of 0.10 USD per hour around 11:00, then 10 USD in the 11:00 hour of the judged day. */
    private void spike(String org) {
        for (int day = 0; day <= 7; day++) {
            for (int hour = 10; hour <= 12; hour++) {
                Instant at = JUDGED.minus(Duration.ofDays(day)).plus(Duration.ofHours(hour - 11)).plusSeconds(60);
                if (at.isBefore(JUDGED) && !at.isBefore(JUDGED.minus(Duration.ofDays(7)))) {
                    record(org, "0.10", at);
                }
            }
        }
        for (int i = 0; i < 5; i++) {
            record(org, "2.00", JUDGED.plusSeconds(300 + i));
        }
    }

    private void record(String org, String cost, Instant at) {
        usage.record(new UsageRecord("req-" + unique() + unique(), org, null, "key-" + org, null, null, "gpt-4o", "openai",
                null, "chat.completions", 10, 0, 10, new BigDecimal(cost), 100, 10, 200, null, "success", at));
    }

    private static String budgets(String org) {
        return "/api/v1/organizations/" + org + "/budgets";
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
