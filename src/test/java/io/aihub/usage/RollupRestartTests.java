package io.aihub.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.AiHubApplication;
import io.aihub.support.Api;
import io.aihub.support.RequiresDatabase;
import io.aihub.support.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Two starts of the hub on one database: rollups written before the restart are still counted after it. */
@ExtendWith(RequiresDatabase.class)
class RollupRestartTests {

    static final String MASTER = "restart-master-key-0123456789abcdef";
    static final Instant AT = Instant.parse("2026-02-10T09:30:00Z");

    @Test
    void rollupsSurviveARestartAndKeepCountingAfterIt() {
        TestDatabase.Settings db = TestDatabase.newDatabase();
        String orgId;
        try (ConfigurableApplicationContext first = start(db)) {
            Api api = new Api(port(first));
            orgId = api.post("/api/v1/organizations", MASTER, Map.of("name", "Durable usage")).field("id");
            UsageService usage = first.getBean(UsageService.class);
            usage.record(record(orgId, "gpt-4o", "1.50"));
            usage.record(record(orgId, "gpt-4o-mini", "0.25"));
        }
        try (ConfigurableApplicationContext second = start(db)) {
            Api api = new Api(port(second));
            second.getBean(UsageService.class).record(record(orgId, "gpt-4o", "2.00"));
            var r = api.get("/api/v1/organizations/" + orgId + "/usage?from=2026-02-10&to=2026-02-11&group_by=model", MASTER);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode body = r.json();
            assertThat(body.get("totals").get("requests").asLong()).isEqualTo(3);
            assertThat(body.get("totals").get("cost").decimalValue()).isEqualByComparingTo("3.75");
            JsonNode groups = body.get("buckets").get(0).get("groups");
            assertThat(groups.get(0).get("key").get("model").asString()).isEqualTo("gpt-4o");
            assertThat(groups.get(0).get("requests").asLong()).isEqualTo(2);
            assertThat(groups.get(0).get("cost").decimalValue()).isEqualByComparingTo("3.50");
        }
    }

    @Test
    void recordsNotYetFoldedWhenTheHubStopsAreCountedExactlyOnceAfterTheRestart() {
        TestDatabase.Settings db = TestDatabase.newDatabase();
        String orgId;
        try (ConfigurableApplicationContext first = start(db, "--aihub.usage.rollup-background=false")) {
            // No background pass and no folding at shutdown: like a crash right after the records committed.
            Api api = new Api(port(first));
            orgId = api.post("/api/v1/organizations", MASTER, Map.of("name", "Crashed usage")).field("id");
            UsageService usage = first.getBean(UsageService.class);
            UsageRollupRepository rollups = first.getBean(UsageRollupRepository.class);
            usage.record(record(orgId, "gpt-4o", "1.50"));
            usage.record(record(orgId, "gpt-4o-mini", "0.25"));
            first.getBean(RollupAggregator.class).aggregate();
            usage.record(record(orgId, "gpt-4o", "2.00"));
            usage.record(record(orgId, "gpt-4o-mini", "0.75"));
            assertThat(rollups.pendingCount()).isEqualTo(2);
            assertThat(rollups.rows(orgId, UsageRollupRepository.HOUR, RollupDimension.ALL, AT.minusSeconds(3600),
                    AT.plusSeconds(3600)).getFirst().figures().requests()).isEqualTo(2);
        }
        try (ConfigurableApplicationContext second = start(db)) {
            second.getBean(RollupAggregator.class).aggregate();
            UsageRollupRepository rollups = second.getBean(UsageRollupRepository.class);
            assertThat(rollups.pendingCount()).isZero();
            for (String granularity : java.util.List.of(UsageRollupRepository.HOUR, UsageRollupRepository.DAY)) {
                var all = rollups.rows(orgId, granularity, RollupDimension.ALL, AT.minusSeconds(86_400), AT.plusSeconds(86_400));
                assertThat(all).hasSize(1);
                assertThat(all.getFirst().figures().requests()).isEqualTo(4);
                assertThat(all.getFirst().figures().cost()).isEqualByComparingTo("4.50");
                var models = rollups.rows(orgId, granularity, RollupDimension.MODEL, AT.minusSeconds(86_400),
                        AT.plusSeconds(86_400));
                assertThat(models).extracting(row -> row.values().getFirst() + "=" + row.figures().requests() + "/"
                        + row.figures().cost().stripTrailingZeros().toPlainString())
                        .containsExactlyInAnyOrder("gpt-4o=2/3.5", "gpt-4o-mini=2/1");
            }
        }
    }

    private static UsageRecord record(String org, String model, String cost) {
        return new UsageRecord("req-" + java.util.UUID.randomUUID(), org, null, "key-r", null, null, model, "openai", null,
                "chat.completions", 10, 0, 10, new BigDecimal(cost), 100, 50, 200, null, "success", AT);
    }

    private static ConfigurableApplicationContext start(TestDatabase.Settings db, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--server.port=0",
                "--aihub.master-key=" + MASTER,
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password()));
        args.addAll(java.util.List.of(extra));
        return new SpringApplicationBuilder(AiHubApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
