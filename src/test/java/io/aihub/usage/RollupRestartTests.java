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

    private static UsageRecord record(String org, String model, String cost) {
        return new UsageRecord("req-" + java.util.UUID.randomUUID(), org, null, "key-r", null, null, model, "openai", null,
                "chat.completions", 10, 0, 10, new BigDecimal(cost), 100, 50, 200, null, "success", AT);
    }

    private static ConfigurableApplicationContext start(TestDatabase.Settings db) {
        return new SpringApplicationBuilder(AiHubApplication.class).run(
                "--server.port=0",
                "--aihub.master-key=" + MASTER,
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password());
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
