package io.aihub.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The usage API over HTTP: totals, buckets, every group_by, CSV, pagination, bad input and tenancy. */
class UsageApiTests extends IntegrationTest {

    static final Instant DAY1 = Instant.parse("2026-03-02T00:00:00Z");

    @Autowired
    UsageService usage;

    String org;

    static UsageRecord record(String org, String team, String key, String user, String endUser, String model,
            String provider, long prompt, long cached, long completion, String cost, Integer latency, String outcome,
            Instant at) {
        return new UsageRecord("req-" + unique() + unique() + unique(), org, team, key, user, endUser, model, provider,
                provider == null ? null : provider + "-east", "chat.completions", prompt, cached, completion,
                new BigDecimal(cost), latency, latency, "error".equals(outcome) ? 502 : 200,
                "error".equals(outcome) ? "upstream_error" : null, outcome, at);
    }

    @BeforeEach
    void seed() {
        org = createOrganization(MASTER_KEY, "Usage");
        // Two days, two models, two teams, one record without team/key/end user.
        usage.record(record(org, "team-a", "key-1", "user-1", "alice", "gpt-4o", "openai", 100, 20, 50, "1.25", 120, "success",
                DAY1.plusSeconds(3600)));
        usage.record(record(org, "team-a", "key-1", "user-1", "bob", "gpt-4o-mini", "openai", 10, 0, 5, "0.10", 80, "success",
                DAY1.plusSeconds(2 * 3600)));
        usage.record(record(org, "team-b", "key-2", "user-2", "alice", "claude-3-5-sonnet", "anthropic", 300, 0, 30,
                "2.50", 3000, "error", DAY1.plusSeconds(26 * 3600)));
        usage.record(record(org, null, null, null, null, "gpt-4o", "openai", 1, 0, 1, "0.0000000001", null, "partial",
                DAY1.plusSeconds(27 * 3600)));
    }

    private String path(String query) {
        return "/api/v1/organizations/" + org + "/usage" + (query.isEmpty() ? "" : "?" + query);
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static final tools.jackson.databind.json.JsonMapper EXACT = tools.jackson.databind.json.JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static final String RANGE = "from=2026-03-02T00:00:00Z&to=2026-03-04T00:00:00Z";

    @Test
    void totalsAndDayBucketsAddUpTheRecords() {
        var r = api.get(path(RANGE), MASTER_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("totals").get("requests").asLong()).isEqualTo(4);
        assertThat(body.get("totals").get("cost").decimalValue()).isEqualByComparingTo("3.8500000001");
        assertThat(body.get("totals").get("prompt_tokens").asLong()).isEqualTo(411);
        assertThat(body.get("totals").get("cached_tokens").asLong()).isEqualTo(20);
        assertThat(body.get("totals").get("completion_tokens").asLong()).isEqualTo(86);
        assertThat(body.get("totals").get("errors").asLong()).isEqualTo(1);
        JsonNode latency = body.get("totals").get("latency");
        assertThat(latency.get("count").asLong()).isEqualTo(3);
        assertThat(latency.get("max_ms").asInt()).isEqualTo(3000);
        assertThat(latency.get("p50_ms").asInt()).isEqualTo(250); // 80 and 120 fall in <=100 and <=250
        assertThat(body.get("buckets")).hasSize(2);
        assertThat(body.get("buckets").get(0).get("start").asString()).isEqualTo("2026-03-02T00:00:00Z");
        assertThat(body.get("buckets").get(0).get("end").asString()).isEqualTo("2026-03-03T00:00:00Z");
        assertThat(body.get("buckets").get(0).get("groups").get(0).get("requests").asLong()).isEqualTo(2);
        assertThat(body.get("buckets").get(1).get("groups").get(0).get("cost").decimalValue())
                .isEqualByComparingTo("2.5000000001");
        assertThat(body.get("has_more").asBoolean()).isFalse();
        assertThat(body.get("timezone").asString()).isEqualTo("UTC");
        assertThat(body.get("trends").get("run_rate_monthly")).isNotNull();
    }

    @Test
    void eachGroupByPartitionsTheTotals() {
        Map<String, Map<String, String>> expectedCostByValue = Map.of(
                "model", Map.of("gpt-4o", "1.2500000001", "gpt-4o-mini", "0.10", "claude-3-5-sonnet", "2.50"),
                "team", Map.of("team-a", "1.35", "team-b", "2.50", "null", "0.0000000001"),
                "key", Map.of("key-1", "1.35", "key-2", "2.50", "null", "0.0000000001"),
                "user", Map.of("user-1", "1.35", "user-2", "2.50", "null", "0.0000000001"),
                "end_user", Map.of("alice", "3.75", "bob", "0.10", "null", "0.0000000001"),
                "provider", Map.of("openai", "1.3500000001", "anthropic", "2.50"));
        expectedCostByValue.forEach((dim, expected) -> {
            var r = api.get(path(RANGE + "&bucket=month&group_by=" + dim), MASTER_KEY);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            Map<String, BigDecimal> costs = new HashMap<>();
            for (JsonNode g : r.json().get("buckets").get(0).get("groups")) {
                JsonNode v = g.get("key").get(dim);
                costs.merge(v.isNull() ? "null" : v.asString(), g.get("cost").decimalValue(), BigDecimal::add);
            }
            assertThat(costs.keySet()).as(dim).isEqualTo(expected.keySet());
            expected.forEach((value, cost) -> assertThat(costs.get(value)).as(dim + "=" + value).isEqualByComparingTo(cost));
        });
    }

    @Test
    void groupByTwoDimensionsKeysEachGroupByBoth() {
        var r = api.get(path(RANGE + "&group_by=" + q("model,team")), MASTER_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("group_by").toString()).isEqualTo("[\"model\",\"team\"]");
        JsonNode day1 = r.json().get("buckets").get(0).get("groups");
        assertThat(day1).hasSize(2);
        assertThat(day1.get(0).get("key").get("model").asString()).isEqualTo("gpt-4o");
        assertThat(day1.get(0).get("key").get("team").asString()).isEqualTo("team-a");
        JsonNode day2 = r.json().get("buckets").get(1).get("groups");
        assertThat(day2).hasSize(2);
        assertThat(day2.get(1).get("key").get("team").isNull()).isTrue();
    }

    @Test
    void csvHasOneRowPerBucketAndGroupAndMatchesTheJson() {
        // Read floats as BigDecimal, so the JSON costs keep their exact digits.
        JsonNode json = EXACT.readTree(api.get(path(RANGE + "&group_by=model"), MASTER_KEY).body());
        var csv = api.send("GET", path(RANGE + "&group_by=model"), MASTER_KEY, null, Map.of("Accept", "text/csv"));
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo(
                "bucket_start,bucket_end,model,requests,prompt_tokens,cached_tokens,completion_tokens,cost,errors");
        List<String> expected = new ArrayList<>();
        for (JsonNode b : json.get("buckets")) {
            for (JsonNode g : b.get("groups")) {
                expected.add(String.join(",", b.get("start").asString(), b.get("end").asString(),
                        g.get("key").get("model").asString(), g.get("requests").asString(),
                        g.get("prompt_tokens").asString(), g.get("cached_tokens").asString(),
                        g.get("completion_tokens").asString(), g.get("cost").decimalValue().toPlainString(),
                        g.get("errors").asString()));
            }
        }
        assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(expected);
        BigDecimal csvTotal = lines.stream().skip(1).map(l -> new BigDecimal(l.split(",")[7])).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        assertThat(csvTotal).isEqualByComparingTo(json.get("totals").get("cost").decimalValue());
    }

    @Test
    void csvQuotesValuesThatNeedIt() {
        assertThat(UsageCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(UsageCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(UsageCsv.field("=cmd()")).isEqualTo("\"'=cmd()\"");
        assertThat(UsageCsv.field(null)).isEmpty();
    }

    @Test
    void hourBucketsArePaginatedByCursor() {
        List<String> starts = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        long requests = 0;
        do {
            var r = api.get(path(RANGE + "&bucket=hour&limit=10" + (cursor == null ? "" : "&cursor=" + cursor)), MASTER_KEY);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            for (JsonNode b : r.json().get("buckets")) {
                starts.add(b.get("start").asString());
                for (JsonNode g : b.get("groups")) {
                    requests += g.get("requests").asLong();
                }
            }
            assertThat(r.json().get("totals").get("requests").asLong()).isEqualTo(4);
            cursor = r.field("next_cursor");
            assertThat(r.json().get("has_more").asBoolean()).isEqualTo(cursor != null);
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(5);
        assertThat(starts).hasSize(48).doesNotHaveDuplicates();
        assertThat(starts.getFirst()).isEqualTo("2026-03-02T00:00:00Z");
        assertThat(starts.getLast()).isEqualTo("2026-03-03T23:00:00Z");
        assertThat(requests).isEqualTo(4);
    }

    @Test
    void daysAndMonthsFollowTheOrganizationsTimezone() {
        var created = api.post("/api/v1/organizations", MASTER_KEY, Map.of("name", "Tokyo " + unique(), "timezone", "Asia/Tokyo"));
        String tokyo = created.field("id");
        // 2026-03-31T16:00Z is already April 1st in Tokyo.
        usage.record(record(tokyo, null, "k", null, null, "m", "p", 1, 0, 1, "1.00", 10, "success",
                Instant.parse("2026-03-31T16:30:00Z")));
        usage.record(record(tokyo, null, "k", null, null, "m", "p", 1, 0, 1, "2.00", 10, "success",
                Instant.parse("2026-03-31T14:30:00Z")));
        var r = api.get("/api/v1/organizations/" + tokyo + "/usage?from=2026-03-01&to=2026-04-30&bucket=month", MASTER_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode buckets = r.json().get("buckets");
        assertThat(buckets).hasSize(2);
        assertThat(buckets.get(0).get("start").asString()).isEqualTo("2026-02-28T15:00:00Z");
        assertThat(buckets.get(0).get("groups").get(0).get("cost").decimalValue()).isEqualByComparingTo("2.00");
        assertThat(buckets.get(1).get("groups").get(0).get("cost").decimalValue()).isEqualByComparingTo("1.00");
        var days = api.get("/api/v1/organizations/" + tokyo + "/usage?from=2026-03-31&to=2026-04-02", MASTER_KEY).json();
        assertThat(days.get("buckets").get(0).get("start").asString()).isEqualTo("2026-03-30T15:00:00Z");
        assertThat(days.get("buckets").get(1).get("groups").get(0).get("cost").decimalValue()).isEqualByComparingTo("1.00");
    }

    @Test
    void trendsCompareTheLastDayAndWeekWithThePreviousOnes() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String fresh = createOrganization(MASTER_KEY, "Trends");
        usage.record(record(fresh, null, "k", null, null, "m", "p", 1, 0, 1, "3.00", 10, "success", end.minus(Duration.ofHours(3))));
        usage.record(record(fresh, null, "k", null, null, "m", "p", 1, 0, 1, "1.00", 10,
                "success", end.minus(Duration.ofHours(30))));
        usage.record(record(fresh, null, "k", null, null, "m", "p", 1, 0, 1, "10.00", 10, "success", end.minus(Duration.ofDays(10))));
        JsonNode trends = api.get("/api/v1/organizations/" + fresh + "/usage", MASTER_KEY).json().get("trends");
        assertThat(trends.get("day_over_day").get("current_cost").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(trends.get("day_over_day").get("previous_cost").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(trends.get("day_over_day").get("change_percent").decimalValue()).isEqualByComparingTo("200");
        assertThat(trends.get("week_over_week").get("current_cost").decimalValue()).isEqualByComparingTo("4.00");
        assertThat(trends.get("week_over_week").get("previous_cost").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(trends.get("week_over_week").get("change_percent").decimalValue()).isEqualByComparingTo("-60");
        // 4.00 over 7 days, times 30
        assertThat(trends.get("run_rate_monthly").decimalValue()).isEqualByComparingTo(
                new BigDecimal("4.00").multiply(BigDecimal.valueOf(30)).divide(BigDecimal.valueOf(7), 10, java.math.RoundingMode.HALF_EVEN));
        var summary = api.get("/api/v1/organizations/" + fresh + "/usage/summary", MASTER_KEY);
        assertThat(summary.status()).as(summary.body()).isEqualTo(200);
        assertThat(summary.json().get("totals").get("cost").decimalValue()).isEqualByComparingTo("14.00");
        assertThat(summary.json().get("top_models").get(0).get("id").asString()).isEqualTo("m");
        assertThat(summary.json().get("top_keys").get(0).get("requests").asLong()).isEqualTo(3);
    }

    @Test
    void badInputIsRejectedNamingTheParameter() {
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("from=yesterday", new Object[] {400, "from"});
        cases.put("to=2026-13-01", new Object[] {400, "to"});
        cases.put("from=2026-03-05&to=2026-03-01", new Object[] {422, "from"});
        cases.put("from=2026-03-01&to=2026-03-01", new Object[] {422, "from"});
        cases.put("group_by=model,color", new Object[] {400, "group_by"});
        cases.put("group_by=model,model", new Object[] {400, "group_by"});
        cases.put("bucket=week", new Object[] {400, "bucket"});
        cases.put("bucket=hour&from=2026-01-01&to=2026-06-01", new Object[] {422, "bucket"});
        cases.put(RANGE + "&limit=0", new Object[] {400, "limit"});
        cases.put(RANGE + "&limit=abc", new Object[] {400, "limit"});
        cases.put(RANGE + "&cursor=123", new Object[] {400, "cursor"});
        cases.forEach((query, expected) -> {
            var r = api.get(path(query.replace(",", "%2C")), MASTER_KEY);
            assertThat(r.status()).as(query + " -> " + r.body()).isEqualTo(expected[0]);
            assertThat(r.field("field")).as(query).isEqualTo(expected[1]);
        });
        var csv = api.send("GET", path("from=yesterday"), MASTER_KEY, null, Map.of("Accept", "text/csv"));
        assertThat(csv.status()).isEqualTo(400);
    }

    @Test
    void rangesUpTo2000BucketsAreServed() {
        // 2000 hours exactly: the limit is inclusive.
        Instant from = DAY1;
        Instant to = from.plus(Duration.ofHours(2000));
        var r = api.get(path("bucket=hour&limit=2000&from=" + from + "&to=" + to), MASTER_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("buckets")).hasSize(2000);
        var over = api.get(path("bucket=hour&from=" + from + "&to=" + to.plusSeconds(1)), MASTER_KEY);
        assertThat(over.status()).isEqualTo(422);
    }

    @Test
    void everyRoleMayReadAndOtherOrganizationsAreNotFound() {
        for (String role : List.of("viewer", "member", "admin", "owner")) {
            var reader = userWithRole(org, role);
            var r = api.get(path(RANGE), reader.token());
            assertThat(r.status()).as(role).isEqualTo(200);
            assertThat(r.json().get("totals").get("requests").asLong()).isEqualTo(4);
        }
        String other = createOrganization(MASTER_KEY, "Other");
        var outsider = userWithRole(other, "owner");
        assertThat(api.get(path(RANGE), outsider.token()).status()).isEqualTo(404);
        assertThat(api.get(path("").replace("/usage", "/usage/summary"), outsider.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/organizations/org-nope/usage", MASTER_KEY).status()).isEqualTo(404);
        assertThat(api.get(path(RANGE), null).status()).isEqualTo(401);
        // The outsider's own organization shows none of this organization's usage.
        var own = api.get("/api/v1/organizations/" + other + "/usage?" + RANGE, outsider.token());
        assertThat(own.json().get("totals").get("requests").asLong()).isZero();
    }

    @Test
    void rebuildIsForTheMasterKeyAndReproducesTheRollups() {
        String before = api.get(path(RANGE + "&group_by=model&bucket=hour&limit=2000"), MASTER_KEY).json().get("buckets")
                .toString();
        var admin = userWithRole(org, "admin");
        assertThat(api.post(path("").replace("/usage", "/usage/rollups/rebuild"), admin.token(), null).status())
                .isEqualTo(403);
        String other = createOrganization(MASTER_KEY, "Other");
        var outsider = userWithRole(other, "owner");
        assertThat(api.post(path("").replace("/usage", "/usage/rollups/rebuild"), outsider.token(), null).status())
                .isEqualTo(404);
        var rebuilt = api.post(path("").replace("/usage", "/usage/rollups/rebuild"), MASTER_KEY, null);
        assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
        String after = api.get(path(RANGE + "&group_by=model&bucket=hour&limit=2000"), MASTER_KEY).json().get("buckets")
                .toString();
        assertThat(after).isEqualTo(before);
    }
}
