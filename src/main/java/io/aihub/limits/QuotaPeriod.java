package io.aihub.limits;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * One quota period: a calendar month in the organization's timezone. {@code key} ({@code 2026-11})
 * names the counter; {@code start} and {@code end} ({@code [start, end)}) are the instants the
 * month begins and ends in that zone, used to seed from the database and to expire counters.
 */
public record QuotaPeriod(String key, Instant start, Instant end) {

    public QuotaPeriod {
        Objects.requireNonNull(key, "key");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("period start must be before its end");
        }
    }

    /** The calendar month containing {@code instant} in {@code zone}. */
    public static QuotaPeriod monthOf(Instant instant, ZoneId zone) {
        YearMonth month = YearMonth.from(instant.atZone(zone));
        ZonedDateTime start = month.atDay(1).atStartOfDay(zone);
        return new QuotaPeriod(month.toString(), start.toInstant(), start.plusMonths(1).toInstant());
    }
}
