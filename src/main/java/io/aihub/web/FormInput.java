package io.aihub.web;

import io.aihub.common.ApiException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * Turns form strings into the types the services take; a value that is not even a number or a date
 * is a 422 naming the field, like the API's own validation, so it shows next to the same input.
 */
final class FormInput {

    private FormInput() {
    }

    static String text(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    static Long wholeNumber(String field, String raw) {
        String v = text(raw);
        if (v == null) return null;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(field, field.replace('_', ' ') + " must be a whole number");
        }
    }

    static Integer smallNumber(String field, String raw) {
        Long v = wholeNumber(field, raw);
        if (v == null) return null;
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw ApiException.invalid(field, field.replace('_', ' ') + " is too large");
        }
        return v.intValue();
    }

    static BigDecimal amount(String field, String raw) {
        String v = text(raw);
        if (v == null) return null;
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(field, field.replace('_', ' ') + " must be an amount like 100 or 12.50");
        }
    }

    /** A date ({@code yyyy-MM-dd}, end of that day UTC) or a local date-time, read as UTC. */
    static Instant instant(String field, String raw) {
        String v = text(raw);
        if (v == null) return null;
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1);
            }
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, field.replace('_', ' ') + " must be a date (YYYY-MM-DD)");
        }
    }

    /** Comma- or whitespace-separated list; empty means "none given". */
    static List<String> list(String raw) {
        String v = text(raw);
        if (v == null) return null;
        return Arrays.stream(v.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    static List<Integer> percentages(String field, String raw) {
        List<String> parts = list(raw);
        if (parts == null) return null;
        try {
            return parts.stream().map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw ApiException.invalid(field, "alert thresholds are whole percentages, e.g. 50, 80, 100");
        }
    }

    /** Whether the error belongs on the form (bad input or a conflict) rather than on an error page (403/404). */
    static boolean isFormError(ApiException e) {
        int status = e.error().status().value();
        return status == 400 || status == 409 || status == 422;
    }
}
