package io.aihub.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.support.IntegrationTest;
import io.aihub.usage.UsageRecord;
import io.aihub.usage.UsageService;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A restarted (empty) quota counter is rebuilt from the usage records of its key and period. */
class UsageQuotaSeedTests extends IntegrationTest {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Autowired
    UsageService usage;

    @Autowired
    QuotaSeedSource seeds;

    @Autowired
    QuotaCounter quotas;

    @Test
    void theSeedCountsTheKeysRecordsInsideThePeriodOnly() {
        String key = "key-" + unique();
        // March in Tokyo: [2026-02-28T15:00Z, 2026-03-31T15:00Z)
        QuotaPeriod march = QuotaPeriod.monthOf(Instant.parse("2026-03-15T00:00:00Z"), TOKYO);
        record(key, Instant.parse("2026-02-28T15:00:00Z"), 100, 20); // first instant of March in Tokyo
        record(key, Instant.parse("2026-03-31T14:59:59Z"), 10, 5);
        record(key, Instant.parse("2026-03-31T15:00:00Z"), 1000, 1000); // already April in Tokyo
        record(key, Instant.parse("2026-02-28T14:59:59Z"), 1000, 1000); // still February in Tokyo
        record("key-other-" + unique(), Instant.parse("2026-03-10T00:00:00Z"), 1000, 1000);

        assertThat(seeds.load(key, march)).isEqualTo(new QuotaSeedSource.QuotaTotals(2, 135));
    }

    @Test
    void theApplicationsQuotaCounterStartsFromTheRecordedUsage() {
        String key = "key-" + unique();
        QuotaPeriod now = QuotaPeriod.monthOf(Instant.now(), TOKYO);
        Instant inPeriod = now.start().plusSeconds(60);
        record(key, inPeriod, 10, 5);
        record(key, inPeriod, 10, 5);
        record(key, inPeriod, 10, 5);

        LimitDecision.Allowed first = (LimitDecision.Allowed) quotas.tryConsume(key, now, 5L, 100L, 10);
        assertThat(first.remainingRequests()).isEqualTo(1);
        assertThat(first.remainingTokens()).isEqualTo(45);
        assertThat(quotas.tryConsume(key, now, 5L, 100L, 0).allowed()).isTrue();
        assertThat(quotas.tryConsume(key, now, 5L, 100L, 0)).isInstanceOf(LimitDecision.Denied.class);
    }

    private void record(String key, Instant at, long prompt, long completion) {
        usage.record(new UsageRecord("req-" + unique() + unique(), "org-" + unique(), null, key, null, null, "m", "demo",
                null, "chat.completions", prompt, 0, completion, new BigDecimal("0.01"), 10, 1, 200, null, "success", at));
    }
}
