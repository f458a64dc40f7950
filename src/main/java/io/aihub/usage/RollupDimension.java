package io.aihub.usage;

import io.aihub.common.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What a rollup row is keyed by besides time: {@code ALL} is the organization's total, the others a
 * single attribute of the records ({@code group_by} names in the usage API).
 */
public enum RollupDimension {
    ALL("all", null, r -> ""),
    TEAM("team", "team_id", UsageRecord::teamId),
    KEY("key", "api_key_id", UsageRecord::apiKeyId),
    USER("user", "user_id", UsageRecord::userId),
    END_USER("end_user", "end_user", UsageRecord::endUser),
    MODEL("model", "model", UsageRecord::model),
    PROVIDER("provider", "provider", UsageRecord::provider);

    /** Stored for a record without this attribute: the primary key cannot hold nulls. */
    static final String NONE = "";

    private final String apiName;
    private final String column;
    private final Function<UsageRecord, String> attribute;

    RollupDimension(String apiName, String column, Function<UsageRecord, String> attribute) {
        this.apiName = apiName;
        this.column = column;
        this.attribute = attribute;
    }

    public String apiName() {
        return apiName;
    }

    /** The usage_records column holding this attribute (null for ALL). */
    String column() {
        return column;
    }

    String valueOf(UsageRecord record) {
        String value = attribute.apply(record);
        return value == null ? NONE : value;
    }

    /** Parses {@code group_by}: comma-separated names, each at most once; empty or null means none. */
    public static List<RollupDimension> parseGroupBy(String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return List.of();
        }
        Set<RollupDimension> dims = new LinkedHashSet<>();
        for (String part : groupBy.split(",", -1)) {
            String name = part.trim();
            RollupDimension dim = null;
            for (RollupDimension candidate : values()) {
                if (candidate != ALL && candidate.apiName.equals(name)) {
                    dim = candidate;
                }
            }
            if (dim == null) {
                throw ApiException.malformed("group_by",
                        "group_by takes key, team, user, end_user, model, provider (comma-separated)");
            }
            if (!dims.add(dim)) {
                throw ApiException.malformed("group_by", "group_by names " + name + " twice");
            }
        }
        return new ArrayList<>(dims);
    }
}
