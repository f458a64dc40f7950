package io.aihub.common;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list. Lists are ordered by id (ids are time-ordered); {@code next_cursor} is the
 * value to pass as {@code cursor} for the next page, null on the last one.
 */
public record Page<T>(List<T> data, boolean hasMore, String nextCursor, int limit) {

    /** Builds a page from up to {@code request.limit() + 1} rows fetched after the cursor. */
    public static <T> Page<T> of(List<T> rowsPlusOne, PageRequest request, Function<T, String> idOf) {
        boolean more = rowsPlusOne.size() > request.limit();
        List<T> rows = more ? rowsPlusOne.subList(0, request.limit()) : rowsPlusOne;
        String next = more ? idOf.apply(rows.getLast()) : null;
        return new Page<>(List.copyOf(rows), more, next, request.limit());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(data.stream().map(mapper).toList(), hasMore, nextCursor, limit);
    }
}
