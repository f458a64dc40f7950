package io.aihub.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Prometheus scrape over HTTP after usage is recorded and a refusal is counted. */
class UsageMetricsTests extends IntegrationTest {

    @Autowired
    UsageService usage;

    @Autowired
    UsageMetrics metrics;

    private List<String> scrape(String mustContain) {
        var r = api.get("/actuator/prometheus", null);
        assertThat(r.status()).isEqualTo(200);
        return r.body().lines().filter(l -> !l.startsWith("#") && l.contains(mustContain)).toList();
    }

    private static double value(List<String> lines, String... parts) {
        return lines.stream().filter(l -> List.of(parts).stream().allMatch(l::contains)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no line with " + List.of(parts) + " in " + lines));
    }

    @Test
    void recordedUsageFeedsRequestTokenCostAndLatencyMetrics() {
        String org = "org-metrics-" + unique();
        String secretKeyId = "key-" + unique();
        Instant at = Instant.parse("2026-06-01T10:00:00Z");
        usage.record(new UsageRecord("req-" + unique() + unique(), org, null, secretKeyId, "user-x", "end-user-y", "gpt-4o",
                "openai", null, "chat.completions", 100, 40, 20, new BigDecimal("0.25"), 180, 20, 200, null, "success", at));
        usage.record(new UsageRecord("req-" + unique() + unique(), org, null, secretKeyId, "user-x", null, "gpt-4o",
                "openai", null, "chat.completions", 10, 0, 0, new BigDecimal("0.50"), 4000, null, 502, "upstream_error",
                "error", at));
        List<String> lines = scrape(org);
        assertThat(value(lines, "aihub_requests_total", "model=\"gpt-4o\"", "status=\"success\"")).isEqualTo(1.0);
        assertThat(value(lines, "aihub_requests_total", "status=\"error\"")).isEqualTo(1.0);
        assertThat(value(lines, "aihub_tokens_total", "kind=\"prompt\"")).isEqualTo(110.0);
        assertThat(value(lines, "aihub_tokens_total", "kind=\"cached\"")).isEqualTo(40.0);
        assertThat(value(lines, "aihub_tokens_total", "kind=\"completion\"")).isEqualTo(20.0);
        assertThat(value(lines, "aihub_cost_usd_total")).isEqualTo(0.75);
        String all = api.get("/actuator/prometheus", null).body();
        assertThat(all).contains("aihub_upstream_latency_seconds_bucket{").contains("provider=\"openai\"");
        assertThat(all).doesNotContain(secretKeyId).doesNotContain("user-x").doesNotContain("end-user-y");
    }

    @Test
    void refusalsAreCountedByReasonAndOddReasonsFoldIntoOther() {
        String reason = "test_reason_" + unique().replaceAll("[^a-z0-9]", "");
        metrics.refused(reason);
        metrics.refused(reason);
        assertThat(value(scrape(reason), "aihub_refusals_total")).isEqualTo(2.0);
        double before = otherCount();
        metrics.refused("Bearer org_secret-looking value");
        assertThat(otherCount()).isEqualTo(before + 1);
        assertThat(api.get("/actuator/prometheus", null).body()).doesNotContain("org_secret");
    }

    private double otherCount() {
        List<String> lines = scrape("reason=\"other\"");
        return lines.isEmpty() ? 0 : value(lines, "aihub_refusals_total");
    }
}
