package io.aihub.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The robust baseline of one hourly series: median and median absolute deviation (MAD). Robust, so a
 * past spike barely moves it, unlike a mean and standard deviation. A floor on the MAD ({@code minStep})
 * keeps a flat series (MAD 0) from flagging any increase at all. Exact decimals throughout.
 */
record MadBaseline(BigDecimal median, BigDecimal mad, int samples) {

    static MadBaseline of(List<BigDecimal> values) {
        BigDecimal median = median(values);
        List<BigDecimal> deviations = new ArrayList<>(values.size());
        for (BigDecimal v : values) {
            deviations.add(v.subtract(median).abs());
        }
        return new MadBaseline(median, median(deviations), values.size());
    }

    BigDecimal threshold(BigDecimal k, BigDecimal minStep) {
        return median.add(k.multiply(mad.max(minStep)));
    }

    boolean isAnomalous(BigDecimal observed, BigDecimal k, BigDecimal minStep) {
        return observed.compareTo(threshold(k, minStep)) > 0;
    }

    private static BigDecimal median(List<BigDecimal> values) {
        if (values.isEmpty()) {
            return BigDecimal.ZERO;
        }
        List<BigDecimal> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        if (n % 2 == 1) {
            return sorted.get(n / 2);
        }
        return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.TWO, 10, RoundingMode.HALF_EVEN);
    }
}
