package io.aihub.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CostCalculatorTests {

    private static ModelPrice price(String input, String cached, String output) {
        return new ModelPrice(new BigDecimal(input), new BigDecimal(cached), new BigDecimal(output), Instant.EPOCH);
    }

    @Test
    void billsUncachedCachedAndOutputTokensAtTheirOwnPrices() {
        // gpt-4o: 1,000 prompt of which 400 cached, 250 output → 600×2.50 + 400×1.25 + 250×10 = 4,500 / 1e6
        BigDecimal cost = CostCalculator.cost(price("2.50", "1.25", "10.00"), 1_000, 400, 250);
        assertThat(cost).isEqualByComparingTo("0.0045");
        assertThat(cost.scale()).isEqualTo(10);
    }

    @Test
    void isExactWhereDoublesWouldDrift() {
        // 0.1 + 0.2 in doubles is 0.30000000000000004; here a million tokens at 0.1 and 0.2 is exactly 0.3.
        assertThat(CostCalculator.cost(price("0.1", "0.1", "0.2"), 1_000_000, 0, 1_000_000)).isEqualByComparingTo("0.3");
        // One token at gpt-4o-mini's input price: 0.15 / 1e6 = 0.00000015 exactly.
        assertThat(CostCalculator.cost(price("0.15", "0.075", "0.60"), 1, 0, 0)).isEqualTo(new BigDecimal("0.0000001500"));
    }

    @Test
    void roundsHalfUpAtTheTenthDecimal() {
        // 1 token at 0.00005 per million = 5e-11 → rounds half up to 1e-10
        assertThat(CostCalculator.cost(price("0.00005", "0", "0"), 1, 0, 0)).isEqualTo(new BigDecimal("0.0000000001"));
        // 1 token at 0.00004 per million = 4e-11 → rounds down to 0
        assertThat(CostCalculator.cost(price("0.00004", "0", "0"), 1, 0, 0)).isEqualTo(new BigDecimal("0.0000000000"));
    }

    @Test
    void cachedTokensNeverExceedThePromptAndCountsCannotBeNegative() {
        assertThat(CostCalculator.cost(price("1", "0.5", "2"), 10, 50, 0)).isEqualByComparingTo("0.000005");
        assertThatThrownBy(() -> CostCalculator.cost(price("1", "1", "1"), -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> price("-1", "0", "0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largeVolumesStayExact() {
        // 10 billion output tokens of Claude Opus at 75 per million = 750,000.
        assertThat(CostCalculator.cost(price("15", "1.5", "75"), 0, 0, 10_000_000_000L)).isEqualByComparingTo("750000");
    }
}
