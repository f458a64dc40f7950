package io.aihub.web;

import io.aihub.common.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failed form: the API error's message keyed by the field it names ({@code ApiError.field()}), or
 * under {@code ""} when it names none. Templates print each next to its field.
 */
public record FormErrors(Map<String, String> byField) {

    public static final FormErrors NONE = new FormErrors(Map.of());

    static FormErrors of(ApiException e) {
        Map<String, String> map = new LinkedHashMap<>();
        String field = e.error().field();
        map.put(field == null ? "" : field, e.error().detail());
        return new FormErrors(map);
    }

    static FormErrors of(String field, String message) {
        return new FormErrors(Map.of(field, message));
    }

    public boolean any() {
        return !byField.isEmpty();
    }

    public String get(String field) {
        return byField.get(field);
    }

    /** The message of the first of {@code fields} that has one (API field names vary: limit or monthly_limit). */
    public String first(String... fields) {
        for (String f : fields) {
            if (byField.containsKey(f)) return byField.get(f);
        }
        return null;
    }

    /** Errors whose field no input on the form shows. */
    public String general(String... shownFields) {
        return general(java.util.Arrays.asList(shownFields));
    }

    public String general(java.util.Collection<String> shownFields) {
        for (Map.Entry<String, String> e : byField.entrySet()) {
            if (!shownFields.contains(e.getKey())) {
                return (e.getKey().isEmpty() ? "" : e.getKey() + ": ") + e.getValue();
            }
        }
        return null;
    }
}
