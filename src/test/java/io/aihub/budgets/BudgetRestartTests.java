package io.aihub.budgets;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.AiHubApplication;
import io.aihub.support.Api;
import io.aihub.support.IntegrationTest;
import io.aihub.support.RequiresDatabase;
import io.aihub.support.TestDatabase;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two real starts on one database: settled spend and open holds survive the restart; a hold left
 * open by the first process is settled late, or expired at its full amount, by the second.
 */
@ExtendWith(RequiresDatabase.class)
class BudgetRestartTests {

    @Test
    void spendAndOpenHoldsSurviveARestart() {
        TestDatabase.Settings db = TestDatabase.newDatabase();
        String orgId;
        try (ConfigurableApplicationContext first = start(db)) {
            Api api = new Api(port(first));
            orgId = api.post("/api/v1/organizations", IntegrationTest.MASTER_KEY, Map.of("name", "Durable")).field("id");
            assertThat(api.post("/api/v1/organizations/" + orgId + "/budgets", IntegrationTest.MASTER_KEY,
                    Map.of("limit", 10)).status()).isEqualTo(201);
            BudgetService budgets = first.getBean(BudgetService.class);
            BudgetScope scope = BudgetScope.organization(orgId);
            budgets.reserve(scope, new BigDecimal("2"), "settled-before");
            budgets.settle("settled-before", new BigDecimal("2"));
            budgets.reserve(scope, new BigDecimal("3"), "settled-after");
            budgets.reserve(scope, new BigDecimal("4"), "never-settled");
        }
        try (ConfigurableApplicationContext second = start(db)) {
            Api api = new Api(port(second));
            String path = "/api/v1/organizations/" + orgId + "/budgets";
            var restarted = api.get(path, IntegrationTest.MASTER_KEY).json();
            assertThat(restarted.get("current_spend").decimalValue()).isEqualByComparingTo("2");
            assertThat(restarted.get("reserved").decimalValue()).isEqualByComparingTo("7");
            BudgetService budgets = second.getBean(BudgetService.class);
            assertThat(budgets.reserve(BudgetScope.organization(orgId), new BigDecimal("1.5"), "too-much"))
                    .as("the holds of the first process still count").isInstanceOf(ReserveResult.Denied.class);

            budgets.settle("settled-after", new BigDecimal("1"));
            assertThat(budgets.expireHolds()).isEqualTo(1); // the hold timeout of this test is one millisecond
            var settled = api.get(path, IntegrationTest.MASTER_KEY).json();
            assertThat(settled.get("current_spend").decimalValue()).isEqualByComparingTo("7"); // 2 + 1 + 4 in full
            assertThat(settled.get("reserved").decimalValue()).isZero();
            assertThat(budgets.holdStatus("never-settled")).contains("expired");
        }
    }

    private static ConfigurableApplicationContext start(TestDatabase.Settings db) {
        return new SpringApplicationBuilder(AiHubApplication.class).run(
                "--server.port=0",
                "--aihub.master-key=" + IntegrationTest.MASTER_KEY,
                "--aihub.auth.bcrypt-cost=4",
                "--aihub.budgets.hold-timeout=1ms",
                "--aihub.budgets.expiry-sweep=1h",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password());
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
