package io.aihub.budgets;

/** Which kind of thing a budget is attached to; the wire name is also the {@code Denied.level}. */
enum ScopeType {
    ORGANIZATION("organization"), TEAM("team"), API_KEY("api_key");

    final String wireName;

    ScopeType(String wireName) {
        this.wireName = wireName;
    }

    static ScopeType fromDb(String value) {
        for (ScopeType t : values()) {
            if (t.wireName.equals(value)) return t;
        }
        throw new IllegalStateException("unknown scope type " + value);
    }
}
