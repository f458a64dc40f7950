package io.aihub.common;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** JDBC mapping of instants: stored as {@code TIMESTAMP WITH TIME ZONE} in UTC on H2 and PostgreSQL alike. */
public final class Timestamps {

    private Timestamps() {
    }

    /** For a bind parameter; microsecond precision, the finest both databases keep. */
    public static OffsetDateTime toDb(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    public static Instant fromDb(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
