package io.aihub.budgets;

/**
 * The scope a gateway request is charged to: always its organization's budget, its team's budget
 * when {@code teamId} is set and the team has one, and its key's budget when the key has one.
 */
public record BudgetScope(String organizationId, String teamId, String apiKeyId) {

    public BudgetScope {
        if (organizationId == null || organizationId.isBlank()) {
            throw new IllegalArgumentException("organizationId is required");
        }
        teamId = teamId == null || teamId.isBlank() ? null : teamId;
        apiKeyId = apiKeyId == null || apiKeyId.isBlank() ? null : apiKeyId;
    }

    public static BudgetScope organization(String organizationId) {
        return new BudgetScope(organizationId, null, null);
    }
}
