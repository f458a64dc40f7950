package io.aihub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** {@code BUDGET_HARD_LIMITS=false}: hard budgets stop denying, the gateway lets over-budget calls through. */
@TestPropertySource(properties = "aihub.budgets.hard-limits=false")
class SoftBudgetSwitchTests extends GatewayTest {

    @Test
    void anOverBudgetCallPassesAndIsStillSpent() {
        api.post("/api/v1/organizations/" + orgId + "/budgets", MASTER_KEY,
                Map.of("limit", new BigDecimal("0.0000001"), "hard_limit", true));
        var response = api.post("/v1/chat/completions", key, chat("demo/echo", "over budget, still served"));
        assertThat(response.status()).isEqualTo(200);
        Usage usage = awaitUsage(response.header("x-request-id"));
        assertThat(usage.cost()).isGreaterThan(new BigDecimal("0.0000001"));
    }
}
