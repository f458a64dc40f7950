package io.aihub.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class UsageServiceTests extends IntegrationTest {

    @Autowired
    UsageService usage;

    static UsageRecord record(String org, String key, String model, String cost, Instant at) {
        return new UsageRecord("req-" + unique() + unique(), org, null, key, null, null, model, "demo", null,
                "chat.completions", 10, 0, 5, new BigDecimal(cost), 12, 3, 200, null, "success", at);
    }

    @Test
    void aRequestIdIsRecordedOnce() {
        String org = "org-" + unique();
        UsageRecord r = record(org, "key-a", "demo/echo", "0.0100000001", Instant.parse("2026-03-01T10:15:00Z"));
        assertThat(usage.record(r)).isTrue();
        assertThat(usage.record(r)).isFalse();
        UsageTotals totals = usage.totals(UsageFilter.organization(org), Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(totals.requests()).isEqualTo(1);
        assertThat(totals.cost()).isEqualByComparingTo("0.0100000001");
    }

    @Test
    void daysFollowTheOrganizationsTimezone() {
        String org = "org-" + unique();
        // 23:30 UTC on March 1st is already March 2nd in Tokyo.
        usage.record(record(org, "key-a", "m", "1.00", Instant.parse("2026-03-01T23:30:00Z")));
        usage.record(record(org, "key-a", "m", "2.00", Instant.parse("2026-03-01T12:00:00Z")));
        Instant from = Instant.parse("2026-02-28T15:00:00Z"); // March 1st 00:00 in Tokyo
        Instant to = Instant.parse("2026-03-02T15:00:00Z");
        List<UsageTotals> days = usage.history(UsageFilter.organization(org), from, to, Bucket.DAY, ZoneId.of("Asia/Tokyo"));
        assertThat(days).hasSize(2);
        assertThat(days.get(0).cost()).isEqualByComparingTo("2.00");
        assertThat(days.get(1).cost()).isEqualByComparingTo("1.00");
        List<UsageTotals> utcDays = usage.history(UsageFilter.organization(org), Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-02T00:00:00Z"), Bucket.DAY, ZoneOffset.UTC);
        assertThat(utcDays).hasSize(1);
        assertThat(utcDays.getFirst().cost()).isEqualByComparingTo("3.00");
        assertThat(utcDays.getFirst().requests()).isEqualTo(2);
    }

    @Test
    void topSpendersAreOrderedByCostAndScopedToTheOrganization() {
        String org = "org-" + unique();
        Instant at = Instant.parse("2026-04-01T08:00:00Z");
        usage.record(record(org, "key-cheap", "small", "0.10", at));
        usage.record(record(org, "key-dear", "large", "5.00", at));
        usage.record(record(org, "key-dear", "large", "5.00", at));
        usage.record(record("org-other-" + unique(), "key-foreign", "large", "99.00", at));
        var top = usage.top(UsageFilter.organization(org), UsageService.Dimension.KEY, at.minusSeconds(60),
                at.plusSeconds(60), 10);
        assertThat(top).extracting(Spender::id).containsExactly("key-dear", "key-cheap");
        assertThat(top.getFirst().cost()).isEqualByComparingTo("10.00");
        assertThat(top.getFirst().requests()).isEqualTo(2);
        var hourly = usage.history(UsageFilter.apiKey(org, "key-cheap"), at.minusSeconds(3600), at.plusSeconds(3600),
                Bucket.HOUR, ZoneOffset.UTC);
        assertThat(hourly).hasSize(2);
        assertThat(hourly.get(1).cost()).isEqualByComparingTo("0.10");
    }
}
