package io.aihub.budgets;

import io.aihub.common.ApiException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** Budget periods, calendar-aligned in the organization's timezone (weeks start on Monday). */
enum BudgetPeriod {
    MONTHLY("monthly"), WEEKLY("weekly"), DAILY("daily");

    final String wireName;

    BudgetPeriod(String wireName) {
        this.wireName = wireName;
    }

    static BudgetPeriod parse(String value) {
        if (value == null) return MONTHLY;
        for (BudgetPeriod p : values()) {
            if (p.wireName.equals(value)) return p;
        }
        throw ApiException.invalid("period", "period must be one of monthly, weekly, daily");
    }

    Instant startOf(Instant instant, ZoneId zone) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        LocalDate first = switch (this) {
            case MONTHLY -> day.withDayOfMonth(1);
            case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case DAILY -> day;
        };
        return first.atStartOfDay(zone).toInstant();
    }

    Instant endOf(Instant start, ZoneId zone) {
        LocalDate first = start.atZone(zone).toLocalDate();
        LocalDate next = switch (this) {
            case MONTHLY -> first.plusMonths(1);
            case WEEKLY -> first.plusWeeks(1);
            case DAILY -> first.plusDays(1);
        };
        return next.atStartOfDay(zone).toInstant();
    }

    /** Calendar days in the period starting at {@code start} (28–31 for months). */
    long daysIn(Instant start, ZoneId zone) {
        return ChronoUnit.DAYS.between(start.atZone(zone).toLocalDate(), endOf(start, zone).atZone(zone).toLocalDate());
    }
}
