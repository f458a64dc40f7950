package io.aihub.usage;

import io.aihub.common.ApiException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** Bucket width of the usage API; days and months start at midnight in the organization's timezone. */
public enum ReportBucket {
    HOUR, DAY, MONTH;

    public static ReportBucket parse(String value) {
        if (value == null || value.equals("day")) return DAY;
        if (value.equals("hour")) return HOUR;
        if (value.equals("month")) return MONTH;
        throw ApiException.malformed("bucket", "bucket must be hour, day or month");
    }

    public String apiName() {
        return name().toLowerCase();
    }

    public Instant startOf(Instant instant, ZoneId zone) {
        return switch (this) {
            case HOUR -> instant.truncatedTo(ChronoUnit.HOURS);
            case DAY -> instant.atZone(zone).truncatedTo(ChronoUnit.DAYS).toInstant();
            case MONTH -> instant.atZone(zone).truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.firstDayOfMonth())
                    .toInstant();
        };
    }

    public Instant next(Instant start, ZoneId zone) {
        return switch (this) {
            case HOUR -> start.plusSeconds(3600);
            case DAY -> start.atZone(zone).plusDays(1).toInstant();
            case MONTH -> start.atZone(zone).plusMonths(1).toInstant();
        };
    }
}
