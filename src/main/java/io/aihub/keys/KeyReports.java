package io.aihub.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Response shapes of the usage, summary and batch endpoints. */
final class KeyReports {

    private KeyReports() {
    }

    record UsageBucket(Instant start, long requests, long promptTokens, long cachedTokens, long completionTokens,
            long totalTokens, BigDecimal cost, long errors) {
    }

    record UsageTotal(long requests, long promptTokens, long cachedTokens, long completionTokens, long totalTokens,
            BigDecimal cost, long errors) {
    }

    record KeyUsage(String keyId, String organizationId, Instant from, Instant to, String bucket, String timezone,
            List<UsageBucket> data, UsageTotal totals) {
    }

    record StatusCounts(long active, long revoked, long expired, long total) {
    }

    record TopKey(String keyId, String name, String keyPrefix, long requests, long tokens, BigDecimal cost) {
    }

    /** {@code quota} names the setting ({@code monthly_request_quota} or {@code monthly_token_quota}). */
    record NearQuota(String keyId, String name, String quota, long used, long quotaLimit, BigDecimal usagePercentage) {
    }

    record Expiring(String keyId, String name, String keyPrefix, Instant expiresAt) {
    }

    record Summary(String organizationId, String timezone, Instant periodStart, Instant periodEnd, StatusCounts counts,
            long requestsThisMonth, long tokensThisMonth, BigDecimal costThisMonth, List<TopKey> topKeys,
            List<NearQuota> nearQuota, List<Expiring> expiringSoon) {
    }

    record BatchError(String code, String detail) {
    }

    record BatchItem(String keyId, boolean ok, @JsonInclude(JsonInclude.Include.NON_NULL) BatchError error) {
    }

    record BatchResult(String operation, boolean allOrNothing, boolean rolledBack, int succeeded, int failed,
            List<BatchItem> results) {
    }
}
