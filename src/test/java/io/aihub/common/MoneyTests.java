package io.aihub.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTests {

    @Test
    void addsAndSubtractsExactly() {
        Money sum = Money.of("0.1").plus(Money.of("0.2"));
        assertThat(sum).isEqualTo(Money.of("0.3"));
        assertThat(Money.of("1").minus(Money.of("1.0000000001")).isNegative()).isTrue();
    }

    @Test
    void keepsAtMostTenDecimals() {
        assertThat(Money.of("0.123456789012").amount()).isEqualByComparingTo("0.1234567890");
        assertThat(Money.of("0.00000000005").amount()).isEqualByComparingTo("0.0000000001");
    }

    @Test
    void comparesByValueNotScale() {
        assertThat(Money.of("2.50")).isEqualTo(Money.of("2.5")).hasSameHashCodeAs(Money.of("2.5"));
        assertThat(Money.of("3").greaterThan(Money.of("2.9999999999"))).isTrue();
        assertThat(Money.of("3").max(Money.of("4"))).isEqualTo(Money.of("4"));
        assertThat(Money.of("3").min(Money.of("4"))).isEqualTo(Money.of("3"));
    }

    @Test
    void percentageOfAWholeRoundsToTwoDecimals() {
        assertThat(Money.of("1").percentageOf(Money.of("3"))).isEqualByComparingTo("33.33");
        assertThat(Money.of("150").percentageOf(Money.of("100"))).isEqualByComparingTo("150.00");
        assertThat(Money.of("5").percentageOf(Money.ZERO)).isEqualByComparingTo("0");
    }

    @Test
    void scalesByARatio() {
        assertThat(Money.of("50").scale(BigDecimal.valueOf(30), BigDecimal.valueOf(7)).amount())
                .isEqualByComparingTo("214.2857142857");
    }

    @Test
    void plainNeverUsesExponents() {
        assertThat(Money.of("100.000").plain().toString()).isEqualTo("100");
        assertThat(Money.of("0.0000001000").plain().toPlainString()).isEqualTo("0.0000001");
        assertThat(Money.of("1E+3").toString()).isEqualTo("1000");
    }
}
