package io.aihub.keys;

import io.aihub.budgets.ApiKeyDirectory;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Tells the budgets module which organization and team an API key belongs to, from the keys' own table. */
@Component
class KeyDirectoryForBudgets implements ApiKeyDirectory {

    private final ApiKeyRepository repository;

    KeyDirectoryForBudgets(ApiKeyRepository repository) {
        this.repository = repository;
    }

    @Override
    public boolean belongsTo(String organizationId, String apiKeyId) {
        return apiKeyId != null && repository.find(apiKeyId).filter(k -> k.organizationId().equals(organizationId)).isPresent();
    }

    @Override
    public Optional<String> teamOf(String apiKeyId) {
        return repository.find(apiKeyId).map(k -> k.settings().teamId());
    }
}
