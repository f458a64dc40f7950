package io.aihub.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefaultPricesTests {

    private final DefaultPrices prices = new DefaultPrices();

    @Test
    void findsAModelAndItsDatedSnapshotsByLongestPrefix() {
        assertThat(prices.size()).isGreaterThanOrEqualTo(20);
        assertThat(prices.lookup("gpt-4o-mini").orElseThrow().price().inputPerMillion()).isEqualByComparingTo("0.15");
        assertThat(prices.lookup("gpt-4o-2024-08-06").orElseThrow().price().inputPerMillion()).isEqualByComparingTo("2.50");
        assertThat(prices.lookup("openai/gpt-4.1-mini").orElseThrow().price().outputPerMillion()).isEqualByComparingTo("1.60");
        assertThat(prices.lookup("claude-3-5-haiku-20241022").orElseThrow().price().outputPerMillion()).isEqualByComparingTo("4");
        assertThat(prices.lookup("claude-sonnet-4-20250514").orElseThrow().maxOutputTokens()).isEqualTo(64000);
    }

    @Test
    void doesNotMatchAcrossAVersionBoundary() {
        assertThat(prices.lookup("o1-preview").orElseThrow().price().inputPerMillion()).isEqualByComparingTo("15");
        assertThat(prices.lookup("o100")).isEmpty();
        assertThat(prices.lookup("gpt-4.10")).isEmpty();
        assertThat(prices.lookup("llama-3-70b")).isEmpty();
    }
}
