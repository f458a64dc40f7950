package io.aihub.web;

import io.aihub.common.ApiException;
import io.aihub.keys.ApiKeyView;
import io.aihub.keys.KeyInput;
import io.aihub.keys.KeyPermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A key's settings as the create, edit and batch-update forms post them, read into the keys module's
 * own inputs: a {@link KeyInput} for create, and for edit and batch update the JSON object of changes
 * that {@code ApiKeyService.update} and the batch "update" operation read — the PUT body, holding only
 * the fields being changed. Going through the API's input rather than around it means the service
 * validates the form exactly as it validates the API, and its errors name the same fields.
 *
 * <p>An input left empty is sent as {@code null}: no limit, no team, no expiry, no metadata.
 * Permissions are one API field posted as two inputs ({@code models}, {@code endpoints}).
 */
final class KeySettingsForm {

    /** The API names of the settings the edit form changes, in form order. */
    static final List<String> FIELDS = List.of("name", "team_id", "permissions", "monthly_request_quota",
            "monthly_token_quota", "rate_limit_per_minute", "tokens_per_minute", "max_parallel_requests", "expires_at",
            "metadata");

    /** What a batch may set on many keys at once: a shared name or metadata makes no sense there. */
    static final List<String> BATCH_FIELDS = FIELDS.stream().filter(f -> !f.equals("name") && !f.equals("metadata")).toList();

    private static final String BATCH_PREFIX = "changes.";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private KeySettingsForm() {
    }

    /** All settings of the form; a value that is not a number, date or JSON object is a 422 naming its field. */
    static KeyInput input(Map<String, String> form, JsonMapper json) {
        List<String> models = FormInput.list(form.get("models"));
        List<String> endpoints = FormInput.list(form.get("endpoints"));
        return new KeyInput(FormInput.text(form.get("name")), FormInput.text(form.get("team_id")),
                models == null && endpoints == null ? null : new KeyPermissions(models, endpoints),
                FormInput.wholeNumber("monthly_request_quota", form.get("monthly_request_quota")),
                FormInput.wholeNumber("monthly_token_quota", form.get("monthly_token_quota")),
                FormInput.smallNumber("rate_limit_per_minute", form.get("rate_limit_per_minute")),
                FormInput.smallNumber("tokens_per_minute", form.get("tokens_per_minute")),
                FormInput.smallNumber("max_parallel_requests", form.get("max_parallel_requests")),
                FormInput.instant("expires_at", form.get("expires_at")), metadata(form.get("metadata"), json));
    }

    /**
     * The JSON changes setting {@code fields} (API names) to the form's values. Only those fields' inputs
     * are read, so whatever sits in an input that is not being changed cannot fail the request.
     */
    static JsonNode changes(Map<String, String> form, Collection<String> fields, JsonMapper json) {
        Map<String, String> read = new HashMap<>();
        for (String field : fields) {
            for (String name : inputsOf(field)) {
                if (form.containsKey(name)) read.put(name, form.get(name));
            }
        }
        JsonNode all = json.valueToTree(input(read, json));
        ObjectNode changes = json.createObjectNode();
        for (String field : fields) {
            changes.set(field, all.get(field));
        }
        return changes;
    }

    /** The form inputs of a key as it is now, as the edit form shows them. */
    static Map<String, String> valuesOf(ApiKeyView key) {
        Map<String, String> v = new HashMap<>();
        v.put("name", key.name());
        v.put("team_id", text(key.teamId()));
        v.put("models", String.join(", ", key.permissions().models()));
        v.put("endpoints", String.join(", ", key.permissions().endpoints()));
        v.put("monthly_request_quota", text(key.monthlyRequestQuota()));
        v.put("monthly_token_quota", text(key.monthlyTokenQuota()));
        v.put("rate_limit_per_minute", text(key.rateLimitPerMinute()));
        v.put("tokens_per_minute", text(key.tokensPerMinute()));
        v.put("max_parallel_requests", text(key.maxParallelRequests()));
        v.put("expires_at", key.expiresAt() == null ? "" : DATE.format(key.expiresAt()));
        v.put("metadata", key.metadata() == null ? "" : key.metadata().toPrettyString());
        return v;
    }

    /**
     * The fields whose inputs differ from the key's current ones. The edit form sends only these, so an
     * untouched expiry shown as a date is not rewritten to the end of that day, and an expiry already in
     * the past does not have to be moved before anything else can be saved.
     */
    static List<String> changed(Map<String, String> form, Map<String, String> current, JsonMapper json) {
        List<String> changed = new ArrayList<>();
        for (String field : FIELDS) {
            for (String name : inputsOf(field)) {
                if (!Objects.equals(canonical(name, form.get(name), json), canonical(name, current.get(name), json))) {
                    changed.add(field);
                    break;
                }
            }
        }
        return changed;
    }

    /** The names of a field's inputs: permissions is posted as two lists. */
    static List<String> inputsOf(String field) {
        return field.equals("permissions") ? List.of("models", "endpoints") : List.of(field);
    }

    /**
     * Errors of a batch name the field under {@code changes.} (the API's body nests them there); the batch
     * form shows them by the input's plain name, and without the prefix in the message either.
     */
    static FormErrors withoutBatchPrefix(ApiException e) {
        String field = e.error().field();
        if (field != null && field.startsWith(BATCH_PREFIX)) {
            return FormErrors.of(field.substring(BATCH_PREFIX.length()), e.error().detail().replace(field,
                    field.substring(BATCH_PREFIX.length())));
        }
        return FormErrors.of(e);
    }

    private static Object canonical(String name, String raw, JsonMapper json) {
        return switch (name) {
            case "models", "endpoints" -> FormInput.list(raw);
            case "metadata" -> {
                try {
                    yield FormInput.text(raw) == null ? null : json.readTree(raw);
                } catch (JacksonException e) {
                    yield raw; // not JSON: certainly changed; input() says what is wrong with it
                }
            }
            default -> FormInput.text(raw);
        };
    }

    private static JsonNode metadata(String raw, JsonMapper json) {
        String v = FormInput.text(raw);
        if (v == null) return null;
        try {
            return json.readTree(v);
        } catch (JacksonException e) {
            throw ApiException.invalid("metadata", "metadata must be a JSON object, e.g. {\"owner\": \"data-team\"}");
        }
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
