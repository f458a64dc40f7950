package io.aihub.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Response shapes of the usage, summary and batch endpoints. */
public final class KeyReports {

    private KeyReports() {
    }

    public record UsageBucket(Instant start, long requests, long promptTokens, long cachedTokens, long completionTokens,
            long totalTokens, BigDecimal cost, long errors) {
    }

    public record UsageTotal(long requests, long promptTokens, long cachedTokens, long completionTokens, long totalTokens,
            BigDecimal cost, long errors) {
    }

    public record KeyUsage(String keyId, String organizationId, Instant from, Instant to, String bucket, String timezone,
            List<UsageBucket> data, UsageTotal totals) {
    }

    public record StatusCounts(long active, long revoked, long expired, long total) {
    }

    public record TopKey(String keyId, String name, String keyPrefix, long requests, long tokens, BigDecimal cost) {
    }

    /** {@code quota} names the setting ({@code monthly_request_quota} or {@code monthly_token_quota}). */
    public record NearQuota(String keyId, String name, String quota, long used, long quotaLimit, BigDecimal usagePercentage) {
    }

    public record Expiring(String keyId, String name, String keyPrefix, Instant expiresAt) {
    }

    public record Summary(String organizationId, String timezone, Instant periodStart, Instant periodEnd, StatusCounts counts,
            long requestsThisMonth, long tokensThisMonth, BigDecimal costThisMonth, List<TopKey> topKeys,
            List<NearQuota> nearQuota, List<Expiring> expiringSoon) {
    }

    public record BatchError(String code, String detail) {
    }

    public record BatchItem(String keyId, boolean ok, @JsonInclude(JsonInclude.Include.NON_NULL) BatchError error) {
    }

    public record BatchResult(String operation, boolean allOrNothing, boolean rolledBack, int succeeded, int failed,
            List<BatchItem> results) {
    }
}
