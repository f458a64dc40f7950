package io.aihub.insights;

import io.aihub.usage.UsageFigures;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges one subject's hour against its own recent past. The baseline is the same metric at the same
 * hour of day, give or take one hour, on each of the last seven days (up to 21 hours, hours without
 * usage counting as zero): a daily rhythm and a quiet weekend then do not look like spikes, while a
 * real one stands out. Hours before the subject's first use in the window are not counted, so a new
 * key is judged only once it has {@code minSamples} hours of history. Spend is judged before requests;
 * one finding per hour at most. A plain object, so it is tested on synthetic series directly.
 */
final class AnomalyDetector {

    static final Duration WINDOW = Duration.ofDays(7);

    record Finding(String metric, BigDecimal observed, MadBaseline baseline, BigDecimal threshold) {
    }

    private final BigDecimal k;
    private final int minSamples;
    private final BigDecimal minCostStep;
    private final BigDecimal minRequestStep;

    AnomalyDetector(BigDecimal k, int minSamples, BigDecimal minCostStep, BigDecimal minRequestStep) {
        this.k = k;
        this.minSamples = minSamples;
        this.minCostStep = minCostStep;
        this.minRequestStep = minRequestStep;
    }

    static AnomalyDetector of(InsightsProperties p) {
        return new AnomalyDetector(p.anomalyK(), p.minBaselineSamples(), p.minCostStep(), p.minRequestStep());
    }

    /** {@code hours}: the subject's figures per UTC hour (absent = no usage), covering at least the window. */
    Optional<Finding> judge(Map<Instant, UsageFigures> hours, Instant hour) {
        UsageFigures observed = hours.get(hour);
        if (observed == null || observed.requests() == 0) {
            return Optional.empty();
        }
        Instant windowStart = hour.minus(WINDOW);
        Instant firstUse = null;
        for (var e : hours.entrySet()) {
            Instant t = e.getKey();
            if (!t.isBefore(windowStart) && t.isBefore(hour) && e.getValue().requests() > 0
                    && (firstUse == null || t.isBefore(firstUse))) {
                firstUse = t;
            }
        }
        if (firstUse == null) {
            return Optional.empty();
        }
        List<BigDecimal> costs = new ArrayList<>();
        List<BigDecimal> requests = new ArrayList<>();
        for (int day = 0; day <= 7; day++) {
            for (int offset = -1; offset <= 1; offset++) {
                Instant t = hour.minus(Duration.ofDays(day)).plus(Duration.ofHours(offset));
                if (t.isBefore(hour) && !t.isBefore(windowStart) && !t.isBefore(firstUse)) {
                    UsageFigures f = hours.get(t);
                    costs.add(f == null ? BigDecimal.ZERO : f.cost());
                    requests.add(BigDecimal.valueOf(f == null ? 0 : f.requests()));
                }
            }
        }
        if (costs.size() < minSamples) {
            return Optional.empty();
        }
        MadBaseline cost = MadBaseline.of(costs);
        if (cost.isAnomalous(observed.cost(), k, minCostStep)) {
            return Optional.of(new Finding("cost", observed.cost(), cost, cost.threshold(k, minCostStep)));
        }
        MadBaseline count = MadBaseline.of(requests);
        BigDecimal n = BigDecimal.valueOf(observed.requests());
        if (count.isAnomalous(n, k, minRequestStep)) {
            return Optional.of(new Finding("requests", n, count, count.threshold(k, minRequestStep)));
        }
        return Optional.empty();
    }
}
