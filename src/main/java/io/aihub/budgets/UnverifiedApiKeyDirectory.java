package io.aihub.budgets;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * TEMPORARY stand-in until the keys module provides the real {@link ApiKeyDirectory} (delete at merge).
 * Answers from an {@code api_keys} table (columns {@code id}, {@code organization_id}, {@code team_id})
 * when one exists; otherwise it accepts any non-blank key id, which is why it is named "unverified".
 */
@Component
class UnverifiedApiKeyDirectory implements ApiKeyDirectory {

    private final JdbcClient jdbc;

    UnverifiedApiKeyDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean belongsTo(String organizationId, String apiKeyId) {
        if (apiKeyId == null || apiKeyId.isBlank() || apiKeyId.length() > 64) {
            return false;
        }
        if (!tableExists()) {
            return true;
        }
        return jdbc.sql("select count(*) from api_keys where id = ? and organization_id = ?")
                .params(apiKeyId, organizationId).query(Long.class).single() > 0;
    }

    @Override
    public Optional<String> teamOf(String apiKeyId) {
        if (!tableExists()) {
            return Optional.empty();
        }
        return jdbc.sql("select team_id from api_keys where id = ?").param(apiKeyId).query(String.class).optional();
    }

    private boolean tableExists() {
        return jdbc.sql("select count(*) from information_schema.tables where lower(table_name) = 'api_keys' and table_schema = current_schema")
                .query(Long.class).single() > 0;
    }
}
