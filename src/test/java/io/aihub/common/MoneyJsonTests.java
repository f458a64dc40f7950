package io.aihub.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** Money on the wire: plain decimals out (never exponent notation), numbers or decimal strings in. */
class MoneyJsonTests extends IntegrationTest {

    @Autowired
    JsonMapper json;

    record Amount(BigDecimal amount) {
    }

    @Test
    void tinyAmountsAreWrittenAsPlainDecimals() {
        assertThat(json.writeValueAsString(Map.of("cost", new BigDecimal("0.0000018")))).isEqualTo("{\"cost\":0.0000018}");
    }

    @Test
    void amountsAreReadExactlyFromNumbersAndDecimalStrings() {
        assertThat(json.readValue("{\"amount\": 0.1}", Amount.class).amount()).isEqualByComparingTo("0.1");
        assertThat(json.readValue("{\"amount\": \"12.345678901\"}", Amount.class).amount()).isEqualTo(new BigDecimal("12.345678901"));
    }
}
