package io.aihub.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.usage.UsageRecord;
import io.aihub.usage.UsageService;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Usage history of a key, requests this month on keys, and the organization's key summary. */
class KeyUsageApiTests extends KeysTest {

    @Autowired
    UsageService usage;

    private void use(String orgId, String keyId, String cost, Instant at) {
        usage.record(new UsageRecord("req-" + unique() + unique(), orgId, null, keyId, null, null, "demo/echo", "demo",
                null, "chat/completions", 100, 0, 20, new BigDecimal(cost), 5, 1, 200, null, "success", at));
    }

    /** Noon on the 15th of the clock's current month in {@code zone}: safely inside "this month". */
    private Instant midMonth(ZoneId zone) {
        Instant now = clock.instant();
        Instant mid = now.atZone(zone).withDayOfMonth(15).truncatedTo(ChronoUnit.DAYS).plusHours(12).toInstant();
        clock.advance(Duration.between(now, mid)); // may move back in time; nothing here cares
        return mid;
    }

    @Test
    void usageIsBucketedByDayInTheOrganizationsTimezone() {
        String orgId = api.post("/api/v1/organizations", MASTER_KEY, Map.of("name", "Tokyo " + unique(),
                "timezone", "Asia/Tokyo")).field("id");
        String keyId = createKey(orgId, MASTER_KEY).field("id");
        String otherKey = createKey(orgId, MASTER_KEY).field("id");
        // 23:30 UTC on March 1st is March 2nd in Tokyo.
        use(orgId, keyId, "1.50", Instant.parse("2026-03-01T23:30:00Z"));
        use(orgId, keyId, "0.25", Instant.parse("2026-03-01T12:00:00Z"));
        use(orgId, otherKey, "9.00", Instant.parse("2026-03-01T12:00:00Z"));
        var days = api.get(key(keyId) + "/usage?from=2026-02-28T15:00:00Z&to=2026-03-02T15:00:00Z&bucket=day", MASTER_KEY);
        assertThat(days.status()).isEqualTo(200);
        assertThat(days.field("timezone")).isEqualTo("Asia/Tokyo");
        assertThat(days.field("bucket")).isEqualTo("day");
        JsonNode data = days.json().get("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(0).get("cost").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(data.get(1).get("cost").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(data.get(1).get("prompt_tokens").asLong()).isEqualTo(100);
        assertThat(data.get(1).get("completion_tokens").asLong()).isEqualTo(20);
        assertThat(days.json().get("totals").get("requests").asLong()).isEqualTo(2);
        assertThat(days.json().get("totals").get("cost").decimalValue()).isEqualByComparingTo("1.75");

        var hours = api.get(key(keyId) + "/usage?from=2026-03-01T11:00:00Z&to=2026-03-01T14:00:00Z&bucket=hour", MASTER_KEY);
        assertThat(hours.json().get("data")).hasSize(3);
        assertThat(hours.json().get("data").get(1).get("requests").asLong()).isEqualTo(1);
    }

    @Test
    void usageDefaultsToTheLast30DaysInDays() {
        String orgId = createOrganization(MASTER_KEY, "Defaults");
        String keyId = createKey(orgId, MASTER_KEY).field("id");
        use(orgId, keyId, "0.10", clock.instant().minus(Duration.ofDays(2)));
        var response = api.get(key(keyId) + "/usage", MASTER_KEY);
        assertThat(response.status()).isEqualTo(200);
        assertThat(Duration.between(Instant.parse(response.field("from")), Instant.parse(response.field("to"))))
                .isEqualTo(Duration.ofDays(30));
        assertThat(response.json().get("data").size()).isBetween(30, 31);
        assertThat(response.json().get("totals").get("requests").asLong()).isEqualTo(1);
    }

    @Test
    void badUsageParametersAreClear() {
        String orgId = createOrganization(MASTER_KEY, "Params");
        String keyId = createKey(orgId, MASTER_KEY).field("id");
        var bucket = api.get(key(keyId) + "/usage?bucket=week", MASTER_KEY);
        assertThat(bucket.status()).isEqualTo(422);
        assertThat(bucket.field("field")).isEqualTo("bucket");
        var reversed = api.get(key(keyId) + "/usage?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", MASTER_KEY);
        assertThat(reversed.status()).isEqualTo(422);
        assertThat(reversed.field("field")).isEqualTo("from");
        var tooLong = api.get(key(keyId) + "/usage?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", MASTER_KEY);
        assertThat(tooLong.status()).isEqualTo(422);
        var tooManyHours = api.get(key(keyId) + "/usage?from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z&bucket=hour",
                MASTER_KEY);
        assertThat(tooManyHours.status()).isEqualTo(422);
        assertThat(tooManyHours.field("field")).isEqualTo("bucket");
        var garbled = api.get(key(keyId) + "/usage?from=yesterday", MASTER_KEY);
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(garbled.field("field")).isEqualTo("from");
        assertThat(api.get(key("key-nope") + "/usage", MASTER_KEY).status()).isEqualTo(404);
    }

    @Test
    void requestsThisMonthCountInTheOrganizationsMonth() {
        String orgId = createOrganization(MASTER_KEY, "Month");
        Instant mid = midMonth(ZoneId.of("UTC"));
        String busy = createKey(orgId, MASTER_KEY).field("id");
        String idle = createKey(orgId, MASTER_KEY).field("id");
        use(orgId, busy, "0.01", mid.minus(Duration.ofHours(1)));
        use(orgId, busy, "0.01", mid.minus(Duration.ofDays(2)));
        use(orgId, busy, "0.01", mid.minus(Duration.ofDays(40))); // last month
        assertThat(api.get(key(busy), MASTER_KEY).json().get("requests_this_month").asLong()).isEqualTo(2);
        Map<String, Long> listed = new java.util.HashMap<>();
        api.get(keysOf(orgId), MASTER_KEY).json().get("data")
                .forEach(k -> listed.put(k.get("id").asString(), k.get("requests_this_month").asLong()));
        assertThat(listed).containsEntry(busy, 2L).containsEntry(idle, 0L);
    }

    @Test
    void theSummaryCountsRanksAndWarns() {
        String orgId = createOrganization(MASTER_KEY, "Summary");
        Instant mid = midMonth(ZoneId.of("UTC"));
        String dear = createKey(orgId, MASTER_KEY, body("name", "dear", "monthly_request_quota", 10)).field("id");
        String cheap = createKey(orgId, MASTER_KEY, body("name", "cheap", "monthly_request_quota", 100)).field("id");
        String soon = createKey(orgId, MASTER_KEY, body("name", "soon",
                "expires_at", mid.plus(Duration.ofDays(3)).toString())).field("id");
        createKey(orgId, MASTER_KEY, body("name", "later", "expires_at", mid.plus(Duration.ofDays(30)).toString()));
        String revoked = createKey(orgId, MASTER_KEY).field("id");
        api.post(key(revoked) + "/revoke", MASTER_KEY, null);
        String expired = createKey(orgId, MASTER_KEY, body("name", "gone",
                "expires_at", mid.plus(Duration.ofMinutes(1)).toString())).field("id");
        clock.advance(Duration.ofMinutes(2));
        for (int i = 0; i < 9; i++) {
            use(orgId, dear, "1.00", mid.minus(Duration.ofHours(i + 1)));
        }
        use(orgId, cheap, "0.50", mid.minus(Duration.ofHours(1)));
        use(orgId, cheap, "0.50", mid.minus(Duration.ofDays(60))); // not this month

        var summary = api.get(keysOf(orgId) + "/summary", MASTER_KEY);
        assertThat(summary.status()).isEqualTo(200);
        JsonNode json = summary.json();
        assertThat(json.get("counts").get("active").asLong()).isEqualTo(4);
        assertThat(json.get("counts").get("revoked").asLong()).isEqualTo(1);
        assertThat(json.get("counts").get("expired").asLong()).isEqualTo(1);
        assertThat(json.get("counts").get("total").asLong()).isEqualTo(6);
        assertThat(json.get("requests_this_month").asLong()).isEqualTo(10);
        assertThat(json.get("cost_this_month").decimalValue()).isEqualByComparingTo("9.50");
        List<String> top = new ArrayList<>();
        json.get("top_keys").forEach(k -> top.add(k.get("key_id").asString()));
        assertThat(top).containsExactly(dear, cheap);
        assertThat(json.get("top_keys").get(0).get("name").asString()).isEqualTo("dear");
        assertThat(json.get("near_quota")).hasSize(1);
        assertThat(json.get("near_quota").get(0).get("key_id").asString()).isEqualTo(dear);
        assertThat(json.get("near_quota").get(0).get("quota").asString()).isEqualTo("monthly_request_quota");
        assertThat(json.get("near_quota").get(0).get("used").asLong()).isEqualTo(9);
        assertThat(json.get("near_quota").get(0).get("usage_percentage").decimalValue()).isEqualByComparingTo("90");
        assertThat(json.get("expiring_soon")).hasSize(1);
        assertThat(json.get("expiring_soon").get(0).get("key_id").asString()).isEqualTo(soon);
        assertThat(json.get("near_quota").toString()).doesNotContain(expired);
    }
}
