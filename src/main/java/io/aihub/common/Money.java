package io.aihub.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact USD amount. Scale is kept at most 10 (the {@code numeric(20, 10)} columns) so what we
 * compute is what we store; never a {@code double} on the way.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    public static final int SCALE = 10;
    public static final Money ZERO = new Money(BigDecimal.ZERO);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Money {
        Objects.requireNonNull(amount, "amount");
        amount = amount.scale() > SCALE ? amount.setScale(SCALE, RoundingMode.HALF_UP) : amount;
    }

    public static Money of(BigDecimal amount) {
        return amount == null ? ZERO : new Money(amount);
    }

    public static Money of(String amount) {
        return new Money(new BigDecimal(amount));
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount));
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean greaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** This amount as a percentage of {@code whole} (2 decimals); zero when the whole is zero. */
    public BigDecimal percentageOf(Money whole) {
        if (whole.amount.signum() == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return amount.multiply(HUNDRED).divide(whole.amount, 2, RoundingMode.HALF_UP);
    }

    /** {@code this × numerator / denominator}, rounded to the storage scale. */
    public Money scale(BigDecimal numerator, BigDecimal denominator) {
        return new Money(amount.multiply(numerator).divide(denominator, SCALE, RoundingMode.HALF_UP));
    }

    /** Trailing zeros stripped, never in exponent form: what JSON shows. */
    public BigDecimal plain() {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && amount.compareTo(m.amount) == 0;
    }

    @Override
    public int hashCode() {
        return amount.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return plain().toPlainString();
    }
}
