package io.aihub.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The quota check both implementations share (the Redis script {@code quota_consume.lua} mirrors it). */
final class QuotaRule {

    private QuotaRule() {
    }

    static LimitDecision consume(long usedRequests, long usedTokens, Long requestQuota, Long tokenQuota, long tokens,
            QuotaPeriod period, Clock clock, Runnable count) {
        Instant now = clock.instant();
        if (requestQuota != null && usedRequests + 1 > requestQuota) {
            return denied(Limit.MONTHLY_REQUESTS, period, now);
        }
        if (tokenQuota != null && usedTokens + tokens > tokenQuota) {
            return denied(Limit.MONTHLY_TOKENS, period, now);
        }
        count.run();
        return new LimitDecision.Allowed(requestQuota == null ? null : requestQuota - usedRequests - 1,
                tokenQuota == null ? null : tokenQuota - usedTokens - tokens, now);
    }

    static LimitDecision denied(Limit limit, QuotaPeriod period, Instant now) {
        Duration untilNextPeriod = Duration.between(now, period.end());
        return new LimitDecision.Denied(limit, untilNextPeriod.isNegative() ? Duration.ZERO : untilNextPeriod);
    }
}
