package io.aihub.limits;

import io.aihub.usage.UsageService;
import io.aihub.usage.UsageTotals;

/**
 * Seeds quota counters from the usage records, reading the subject as an API key id: requests = records
 * in the period, tokens = prompt + completion tokens (cached tokens are part of the prompt count).
 */
final class UsageQuotaSeed implements QuotaSeedSource {

    private final UsageService usage;

    UsageQuotaSeed(UsageService usage) {
        this.usage = usage;
    }

    @Override
    public QuotaTotals load(String subject, QuotaPeriod period) {
        UsageTotals totals = usage.apiKeyTotals(subject, period.start(), period.end());
        return new QuotaTotals(totals.requests(), totals.promptTokens() + totals.completionTokens());
    }
}
