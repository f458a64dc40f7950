package io.aihub.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Display formats for templates: money as exact decimals (never floating point), times in UTC. */
public final class Fmt {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private Fmt() {
    }

    /** At least two decimals, at most six (rounded half-up), e.g. {@code $0.000123}. */
    public static String usd(BigDecimal amount) {
        if (amount == null) return "—";
        BigDecimal v = amount.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        if (v.scale() < 2) v = v.setScale(2, RoundingMode.UNNECESSARY);
        return "$" + v.toPlainString();
    }

    public static String plain(BigDecimal amount) {
        return amount == null ? "" : amount.stripTrailingZeros().toPlainString();
    }

    public static String pct(BigDecimal percentage) {
        return percentage == null ? "—" : percentage.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** Width of a gauge bar, 0–100. */
    public static String bar(BigDecimal percentage) {
        if (percentage == null) return "0";
        return percentage.max(BigDecimal.ZERO).min(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    public static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    public static String date(Instant t) {
        return t == null ? "—" : DATE.format(t);
    }

    public static String nz(Object o) {
        return o == null ? "—" : o.toString();
    }
}
