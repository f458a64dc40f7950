package io.aihub.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.usage.LatencyHistogram;
import io.aihub.usage.UsageFigures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The detector on synthetic hourly series, as a plain object. */
class AnomalyDetectorTests {

    static final AnomalyDetector DETECTOR = new AnomalyDetector(new BigDecimal("5"), 12, new BigDecimal("0.01"),
            BigDecimal.ONE);
    static final Instant START = Instant.parse("2026-03-02T00:00:00Z"); // a Monday

    static UsageFigures hour(long requests, BigDecimal cost) {
        return new UsageFigures(requests, requests * 100, 0, requests * 10, cost, 0, LatencyHistogram.empty());
    }

    /** Business-hours rhythm, quieter weekends, +-10% noise: requests and cost per hour for three weeks. */
    static Map<Instant, UsageFigures> seasonal(long seed) {
        Random random = new Random(seed);
        Map<Instant, UsageFigures> series = new TreeMap<>();
        for (int h = 0; h < 21 * 24; h++) {
            Instant t = START.plus(Duration.ofHours(h));
            var local = t.atZone(ZoneOffset.UTC);
            double daily = 1 + 0.8 * Math.sin(2 * Math.PI * (local.getHour() - 6) / 24.0);
            boolean weekend = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
            double level = 50 * daily * (weekend ? 0.35 : 1) * (0.9 + 0.2 * random.nextDouble());
            long requests = Math.max(1, Math.round(level));
            series.put(t, hour(requests, BigDecimal.valueOf(requests).multiply(new BigDecimal("0.013"))
                    .setScale(10, RoundingMode.HALF_EVEN)));
        }
        return series;
    }

    @Test
    void aSpikeInASteadySeriesIsFound() {
        Map<Instant, UsageFigures> series = new TreeMap<>();
        Random random = new Random(1);
        for (int h = 0; h < 8 * 24; h++) {
            long requests = 40 + random.nextInt(10);
            series.put(START.plus(Duration.ofHours(h)), hour(requests, new BigDecimal("0.02").multiply(BigDecimal.valueOf(requests))));
        }
        Instant spike = START.plus(Duration.ofHours(8 * 24 - 1));
        series.put(spike, hour(45, new BigDecimal("9.00"))); // same traffic, a far dearer model
        var finding = DETECTOR.judge(series, spike);
        assertThat(finding).isPresent();
        assertThat(finding.get().metric()).isEqualTo("cost");
        assertThat(finding.get().observed()).isEqualByComparingTo("9.00");
        assertThat(finding.get().threshold()).isLessThan(new BigDecimal("9.00"));
        assertThat(finding.get().baseline().samples()).isEqualTo(21);
        // The hour before the spike was ordinary.
        assertThat(DETECTOR.judge(series, spike.minus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void aRequestFloodIsFoundEvenAtUsualCost() {
        Map<Instant, UsageFigures> series = new TreeMap<>();
        for (int h = 0; h < 8 * 24; h++) {
            series.put(START.plus(Duration.ofHours(h)), hour(20 + h % 3, new BigDecimal("1.00")));
        }
        Instant flood = START.plus(Duration.ofHours(8 * 24 - 1));
        series.put(flood, hour(400, new BigDecimal("1.00")));
        var finding = DETECTOR.judge(series, flood);
        assertThat(finding).isPresent();
        assertThat(finding.get().metric()).isEqualTo("requests");
    }

    @Test
    void weeklySeasonalityWithoutASpikeIsNotFound() {
        for (long seed : List.of(1L, 2L, 3L)) {
            Map<Instant, UsageFigures> series = seasonal(seed);
            // Judge every hour of the last two weeks: weekday mornings after the weekend, evenings, nights.
            for (int h = 7 * 24; h < 21 * 24; h++) {
                Instant t = START.plus(Duration.ofHours(h));
                assertThat(DETECTOR.judge(series, t)).as("seed %d, %s", seed, t).isEmpty();
            }
        }
    }

    @Test
    void aSpikeOnTopOfTheSeasonalSeriesIsFound() {
        Map<Instant, UsageFigures> series = seasonal(4);
        Instant monday10 = Instant.parse("2026-03-16T10:00:00Z");
        UsageFigures usual = series.get(monday10);
        series.put(monday10, hour(usual.requests() * 4, usual.cost().multiply(BigDecimal.valueOf(4))));
        assertThat(DETECTOR.judge(series, monday10)).isPresent();
    }

    @Test
    void aNewSubjectIsNotJudgedBeforeItHasEnoughHistory() {
        Map<Instant, UsageFigures> series = new TreeMap<>();
        for (int h = 0; h < 10; h++) {
            series.put(START.plus(Duration.ofHours(h)), hour(5, new BigDecimal("0.10")));
        }
        Instant burst = START.plus(Duration.ofHours(10));
        series.put(burst, hour(500, new BigDecimal("50")));
        assertThat(DETECTOR.judge(series, burst)).isEmpty();
    }

    @Test
    void medianAndMadAreRobustToOneOutlier() {
        MadBaseline b = MadBaseline.of(List.of(new BigDecimal("1"), new BigDecimal("2"), new BigDecimal("3"),
                new BigDecimal("4"), new BigDecimal("1000")));
        assertThat(b.median()).isEqualByComparingTo("3");
        assertThat(b.mad()).isEqualByComparingTo("1"); // deviations 2,1,0,1,997
        assertThat(b.threshold(new BigDecimal("5"), BigDecimal.ZERO)).isEqualByComparingTo("8");
    }
}
