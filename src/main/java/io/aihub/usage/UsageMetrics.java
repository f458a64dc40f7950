package io.aihub.usage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Prometheus counters fed by {@link UsageRecorded} after the record commits:
 * {@code aihub_requests_total{organization,model,status}} (status = the record's outcome: success,
 * error, partial), {@code aihub_tokens_total{organization,model,kind}} (prompt, cached, completion),
 * {@code aihub_cost_usd_total{organization,model}}, {@code aihub_upstream_latency_seconds{model,provider}}
 * (a histogram on the same bounds as the rollups) and {@code aihub_refusals_total{reason}}.
 *
 * <p>The cost counter is a double: Prometheus has no other number type. It is for dashboards only; every
 * money path (records, rollups, budgets) stays BigDecimal. Labels carry the organization id, model and
 * provider names and fixed words, never key ids, users or secrets.
 */
@Component
public class UsageMetrics {

    private static final Pattern REASON = Pattern.compile("[a-z0-9_]{1,40}");
    private static final Duration[] LATENCY_BOUNDS = {Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;

    UsageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(UsageRecorded event) {
        UsageRecord r = event.record();
        String org = r.organizationId();
        String model = label(r.model());
        Counter.builder("aihub.requests").description("Gateway requests that reached an upstream")
                .tags("organization", org, "model", model, "status", label(r.outcome())).register(registry).increment();
        tokens(org, model, "prompt", r.promptTokens());
        tokens(org, model, "cached", r.cachedTokens());
        tokens(org, model, "completion", r.completionTokens());
        Counter.builder("aihub.cost.usd").description("Settled cost in USD (a double, for dashboards only)")
                .tags("organization", org, "model", model).register(registry).increment(r.cost().doubleValue());
        if (r.latencyMs() != null) {
            Timer.builder("aihub.upstream.latency").description("Upstream latency of gateway requests")
                    .tags("model", model, "provider", label(r.provider())).serviceLevelObjectives(LATENCY_BOUNDS)
                    .register(registry).record(Duration.ofMillis(r.latencyMs()));
        }
    }

    private void tokens(String org, String model, String kind, long count) {
        Counter.builder("aihub.tokens").description("Tokens of gateway requests")
                .tags("organization", org, "model", model, "kind", kind).register(registry).increment(count);
    }

    /**
     * Counts a request the gateway refused before any upstream call ({@code reason} e.g. budget_exceeded,
     * rate_limit_exceeded, quota_exceeded, key_revoked). Reasons outside [a-z0-9_]{1,40} count as "other".
     */
    public void refused(String reason) {
        String r = reason != null && REASON.matcher(reason).matches() ? reason : "other";
        Counter.builder("aihub.refusals").description("Gateway requests refused before reaching an upstream")
                .tag("reason", r).register(registry).increment();
    }

    private static String label(String value) {
        return value == null || value.isEmpty() ? "none" : value;
    }
}
