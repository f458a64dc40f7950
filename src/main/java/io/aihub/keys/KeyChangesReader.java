package io.aihub.keys;

import io.aihub.common.ApiException;
import io.aihub.common.ProblemAdvice;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a partial update from raw JSON with the application's strict mapper (unknown fields and
 * wrong types are 400 naming the field), remembering which fields were present.
 */
@Component
class KeyChangesReader {

    private final JsonMapper json;

    KeyChangesReader(JsonMapper json) {
        this.json = json;
    }

    /** {@code prefix} names the body field holding the changes ({@code changes} in a batch), or is empty. */
    KeyChanges read(JsonNode node, String prefix) {
        String at = prefix.isEmpty() ? "" : prefix + ".";
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw ApiException.invalid(prefix.isEmpty() ? null : prefix, "a JSON object of changes is required");
        }
        if (!node.isObject()) {
            throw ApiException.malformed(prefix.isEmpty() ? null : prefix, "changes must be a JSON object");
        }
        Set<String> provided = new LinkedHashSet<>(node.propertyNames());
        try {
            return new KeyChanges(json.treeToValue(node, KeyInput.class), provided);
        } catch (JacksonException e) {
            String field = at + ProblemAdvice.pathOf(e);
            return failMalformed(field.isEmpty() || field.endsWith(".") ? (prefix.isEmpty() ? null : prefix) : field, e);
        }
    }

    private static KeyChanges failMalformed(String field, JacksonException e) {
        if (e instanceof tools.jackson.databind.exc.UnrecognizedPropertyException) {
            throw ApiException.malformed(field, "unknown field " + field);
        }
        throw ApiException.malformed(field, (field == null ? "the body" : field) + " has the wrong type or format");
    }
}
