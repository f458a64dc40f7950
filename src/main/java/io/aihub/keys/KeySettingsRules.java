package io.aihub.keys;

import io.aihub.common.ApiException;
import io.aihub.tenancy.TenancyService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Validates key settings; every failure is a 422 naming the field as the client wrote it. */
@Component
class KeySettingsRules {

    static final int MAX_PATTERNS = 100;
    static final int MAX_PATTERN_LENGTH = 200;
    static final int MAX_METADATA_BYTES = 4096;
    static final int MAX_METADATA_ENTRIES = 50;
    private static final Pattern PATTERN_CHARS = Pattern.compile("[A-Za-z0-9._:/@+\\-*?]+");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TenancyService tenancy;

    KeySettingsRules(TenancyService tenancy) {
        this.tenancy = tenancy;
    }

    KeySettings forCreate(String organizationId, KeyInput in, Instant now) {
        return new KeySettings(name("name", in.name()), team(organizationId, "team_id", in.teamId()),
                permissions("permissions", in.permissions()),
                positive("monthly_request_quota", in.monthlyRequestQuota()),
                positive("monthly_token_quota", in.monthlyTokenQuota()),
                positive("rate_limit_per_minute", in.rateLimitPerMinute()),
                positive("tokens_per_minute", in.tokensPerMinute()),
                positive("max_parallel_requests", in.maxParallelRequests()),
                future("expires_at", in.expiresAt(), now), metadata("metadata", in.metadata()));
    }

    /** Applies the provided fields over {@code current}; {@code prefix} is e.g. {@code "changes."} in a batch. */
    KeySettings forUpdate(String organizationId, KeySettings current, KeyChanges changes, Instant now, String prefix) {
        KeyInput in = changes.values();
        return new KeySettings(
                changes.has("name") ? name(prefix + "name", in.name()) : current.name(),
                changes.has("team_id") ? team(organizationId, prefix + "team_id", in.teamId()) : current.teamId(),
                changes.has("permissions") ? permissions(prefix + "permissions", in.permissions()) : current.permissions(),
                changes.has("monthly_request_quota") ? positive(prefix + "monthly_request_quota", in.monthlyRequestQuota())
                        : current.monthlyRequestQuota(),
                changes.has("monthly_token_quota") ? positive(prefix + "monthly_token_quota", in.monthlyTokenQuota())
                        : current.monthlyTokenQuota(),
                changes.has("rate_limit_per_minute") ? positive(prefix + "rate_limit_per_minute", in.rateLimitPerMinute())
                        : current.rateLimitPerMinute(),
                changes.has("tokens_per_minute") ? positive(prefix + "tokens_per_minute", in.tokensPerMinute())
                        : current.tokensPerMinute(),
                changes.has("max_parallel_requests") ? positive(prefix + "max_parallel_requests", in.maxParallelRequests())
                        : current.maxParallelRequests(),
                changes.has("expires_at") ? future(prefix + "expires_at", in.expiresAt(), now) : current.expiresAt(),
                changes.has("metadata") ? metadata(prefix + "metadata", in.metadata()) : current.metadata());
    }

    static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, field + " must not be blank");
        }
        String trimmed = value.strip();
        if (trimmed.length() > 200) {
            throw ApiException.invalid(field, field + " must be at most 200 characters");
        }
        return trimmed;
    }

    private String team(String organizationId, String field, String teamId) {
        if (teamId == null) {
            return null;
        }
        if (tenancy.findTeam(organizationId, teamId).isEmpty()) {
            throw ApiException.invalid(field, field + " is not a team of this organization");
        }
        return teamId;
    }

    static KeyPermissions permissions(String field, KeyPermissions value) {
        if (value == null) {
            return KeyPermissions.ALL;
        }
        List<String> models = patterns(field + ".models", value.models(), false);
        List<String> endpoints = patterns(field + ".endpoints", value.endpoints(), true);
        return new KeyPermissions(models, endpoints);
    }

    private static List<String> patterns(String field, List<String> patterns, boolean endpoints) {
        if (patterns.size() > MAX_PATTERNS) {
            throw ApiException.invalid(field, field + " may hold at most " + MAX_PATTERNS + " patterns");
        }
        List<String> valid = new ArrayList<>(patterns.size());
        for (String raw : patterns) {
            String pattern = raw.strip();
            if (pattern.isEmpty() || pattern.length() > MAX_PATTERN_LENGTH || !PATTERN_CHARS.matcher(pattern).matches()) {
                throw ApiException.invalid(field, field + " patterns are 1 to " + MAX_PATTERN_LENGTH
                        + " characters of letters, digits, . _ : / @ + - and the wildcards * and ?");
            }
            if (endpoints) {
                pattern = KeyPermissions.normalizeEndpoint(pattern);
                String p = pattern;
                if (KeyPermissions.ENDPOINTS.stream().noneMatch(e -> KeyPermissions.globMatches(p, e))) {
                    throw ApiException.invalid(field, field + " patterns must match one of "
                            + String.join(", ", KeyPermissions.ENDPOINTS));
                }
            }
            if (!valid.contains(pattern)) {
                valid.add(pattern);
            }
        }
        return valid;
    }

    static <N extends Number> N positive(String field, N value) {
        if (value != null && value.longValue() < 1) {
            throw ApiException.invalid(field, field + " must be a positive integer, or null for unlimited");
        }
        return value;
    }

    static Instant future(String field, Instant value, Instant now) {
        if (value != null && !value.isAfter(now)) {
            throw ApiException.invalid(field, field + " must be in the future");
        }
        return value;
    }

    static String metadata(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw ApiException.invalid(field, field + " must be a JSON object");
        }
        if (value.size() > MAX_METADATA_ENTRIES) {
            throw ApiException.invalid(field, field + " may hold at most " + MAX_METADATA_ENTRIES + " entries");
        }
        String text = JSON.writeValueAsString(value);
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
            throw ApiException.invalid(field, field + " must be at most " + MAX_METADATA_BYTES + " bytes of JSON");
        }
        return text;
    }
}
