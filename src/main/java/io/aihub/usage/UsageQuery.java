package io.aihub.usage;

import io.aihub.common.ApiException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated usage-API request. {@code from} is rounded down to the start of its bucket and the last
 * bucket is the one holding the instant just before {@code to}: buckets are always whole, since the
 * rollups they come from are.
 */
public record UsageQuery(List<Instant> bucketStarts, Instant end, ReportBucket bucket, List<RollupDimension> groupBy,
        int limit, int firstIndex, ZoneId zone) {

    public static final int MAX_BUCKETS = 2000;
    public static final int DEFAULT_LIMIT = 100;
    static final Duration DEFAULT_RANGE = Duration.ofDays(30);

    /**
     * @param from   RFC 3339 instant, a date (midnight in {@code zone}) or epoch seconds; default {@code to} - 30 days
     * @param to     same forms, exclusive; default now
     * @param cursor the {@code next_cursor} of a previous page
     */
    public static UsageQuery parse(String from, String to, String bucket, String groupBy, Integer limit, String cursor,
            ZoneId zone, Instant now) {
        ReportBucket width = ReportBucket.parse(bucket);
        List<RollupDimension> dims = RollupDimension.parseGroupBy(groupBy);
        Instant end = to == null ? now : instant("to", to, zone);
        Instant start = from == null ? end.minus(DEFAULT_RANGE) : instant("from", from, zone);
        if (!start.isBefore(end)) {
            throw ApiException.invalid("from", "from must be before to");
        }
        List<Instant> starts = new ArrayList<>();
        Instant s = width.startOf(start, zone);
        while (s.isBefore(end)) {
            if (starts.size() == MAX_BUCKETS) {
                throw ApiException.invalid("bucket", "the range spans more than " + MAX_BUCKETS + " " + width.apiName()
                        + " buckets; narrow it or use a wider bucket");
            }
            starts.add(s);
            s = width.next(s, zone);
        }
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > MAX_BUCKETS) {
            throw ApiException.malformed("limit", "limit must be between 1 and " + MAX_BUCKETS);
        }
        int first = 0;
        if (cursor != null && !cursor.isEmpty()) {
            first = -1;
            if (cursor.matches("[0-9]{1,12}")) {
                first = starts.indexOf(Instant.ofEpochSecond(Long.parseLong(cursor)));
            }
            if (first < 0) {
                throw ApiException.malformed("cursor", "cursor is not one this API returned for this range");
            }
        }
        return new UsageQuery(List.copyOf(starts), s, width, dims, pageSize, first, zone);
    }

    private static Instant instant(String field, String text, ZoneId zone) {
        try {
            if (text.matches("[0-9]{1,12}")) {
                return Instant.ofEpochSecond(Long.parseLong(text));
            }
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw ApiException.malformed(field, field + " must be an RFC 3339 time, a date (YYYY-MM-DD) or epoch seconds");
        }
    }

    /** Bucket starts of the requested page. */
    List<Instant> page() {
        return bucketStarts.subList(firstIndex, Math.min(bucketStarts.size(), firstIndex + limit));
    }

    boolean hasMore() {
        return firstIndex + limit < bucketStarts.size();
    }

    /** End of bucket {@code i} (the next start, or the range end). */
    Instant endOf(int i) {
        return i + 1 < bucketStarts.size() ? bucketStarts.get(i + 1) : end;
    }
}
