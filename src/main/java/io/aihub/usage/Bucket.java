package io.aihub.usage;

import io.aihub.common.ApiException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Width of a usage-history bucket; days start at midnight in the organization's timezone. */
public enum Bucket {
    HOUR, DAY;

    public static Bucket parse(String value) {
        if (value == null || value.equals("day")) return DAY;
        if (value.equals("hour")) return HOUR;
        throw ApiException.invalid("bucket", "bucket must be 'hour' or 'day'");
    }

    Instant startOf(Instant instant, ZoneId zone) {
        return switch (this) {
            case HOUR -> instant.truncatedTo(ChronoUnit.HOURS);
            case DAY -> instant.atZone(zone).truncatedTo(ChronoUnit.DAYS).toInstant();
        };
    }
}
