package io.aihub.budgets;

import java.util.Optional;

/**
 * What budgets need to know about API keys, answered by the keys module (which owns the keys table).
 * Used to validate key budget routes.
 */
public interface ApiKeyDirectory {

    boolean belongsTo(String organizationId, String apiKeyId);

    Optional<String> teamOf(String apiKeyId);
}
