package io.aihub.insights;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One suggestion. {@code type}: unused_key, key_near_quota, budget_projected_to_run_out, cheaper_model,
 * high_error_rate_deployment; {@code subject}: the key id, budget id, model or deployment concerned;
 * {@code evidence}: the figures it rests on; {@code estimatedMonthlySaving}: USD, 0 when it saves nothing directly.
 */
public record Recommendation(String type, String title, String subject, Map<String, Object> evidence,
        BigDecimal estimatedMonthlySaving) {
}
