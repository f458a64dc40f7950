package io.aihub.common;

/** {@code limit} (1..200, default 50) and an opaque {@code cursor} (empty for the first page). */
public record PageRequest(int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(Integer limit, String cursor) {
        int actual = limit == null ? DEFAULT_LIMIT : limit;
        if (actual < 1 || actual > MAX_LIMIT) {
            throw ApiException.malformed("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (cursor != null && (cursor.length() > 100 || !cursor.matches("[A-Za-z0-9_\\-]*"))) {
            throw ApiException.malformed("cursor", "cursor is not one this API returned");
        }
        return new PageRequest(actual, cursor == null ? "" : cursor);
    }

    /** Rows to fetch: one more than the limit tells whether another page exists. */
    public int fetchSize() {
        return limit + 1;
    }
}
