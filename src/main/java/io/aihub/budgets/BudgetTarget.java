package io.aihub.budgets;

/**
 * What a management route points at: the organization's budget, or a team's or an API key's
 * (at most one of {@code teamId} and {@code apiKeyId} is set).
 */
public record BudgetTarget(String organizationId, String teamId, String apiKeyId) {

    ScopeType scopeType() {
        return teamId != null ? ScopeType.TEAM : apiKeyId != null ? ScopeType.API_KEY : ScopeType.ORGANIZATION;
    }

    String scopeId() {
        return teamId != null ? teamId : apiKeyId != null ? apiKeyId : organizationId;
    }
}
