package io.aihub.insights;

import io.aihub.common.Ids;
import io.aihub.usage.RollupDimension;
import io.aihub.usage.UsageAnalytics;
import io.aihub.usage.UsageFigures;
import io.aihub.usage.UsageSlice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Once an hour, judges the hour that just ended for every organization active in it: the organization's
 * total and each of its keys, against the rollups. A finding is stored first (unique per subject and
 * hour, so two instances or a re-run never raise it twice) and only a newly stored one is raised.
 */
@Service
public class AnomalyScan {

    private static final Logger log = LoggerFactory.getLogger(AnomalyScan.class);

    private final UsageAnalytics analytics;
    private final AnomalyRepository repository;
    private final AnomalyAlertSink sink;
    private final AnomalyDetector detector;
    private final Clock clock;

    AnomalyScan(UsageAnalytics analytics, AnomalyRepository repository, AnomalyAlertSink sink,
            InsightsProperties properties, Clock clock) {
        this.analytics = analytics;
        this.repository = repository;
        this.sink = sink;
        this.detector = AnomalyDetector.of(properties);
        this.clock = clock;
    }

    @Scheduled(cron = "${aihub.insights.anomaly-cron:0 5 * * * *}")
    void hourly() {
        scan(clock.instant());
    }

    /** Judges the last complete UTC hour before {@code now}; returns the incidents raised by this call. */
    public List<AnomalyIncident> scan(Instant now) {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        Instant from = hour.minus(AnomalyDetector.WINDOW).minus(Duration.ofHours(1));
        Instant to = hour.plus(Duration.ofHours(1));
        List<AnomalyIncident> raised = new ArrayList<>();
        for (String org : analytics.organizationsActiveIn(hour)) {
            try {
                scanOrganization(org, hour, from, to, now, raised);
            } catch (RuntimeException e) {
                // One organization's failure (e.g. a lost connection) must not hide the others' spikes.
                log.error("anomaly scan of organization {} for hour {} failed", org, hour, e);
            }
        }
        return raised;
    }

    private void scanOrganization(String org, Instant hour, Instant from, Instant to, Instant now,
            List<AnomalyIncident> raised) {
        judge(org, "organization", org, series(analytics.hourly(org, RollupDimension.ALL, from, to)), hour, now, raised);
        Map<String, Map<Instant, UsageFigures>> keys = new HashMap<>();
        for (UsageSlice s : analytics.hourly(org, RollupDimension.KEY, from, to)) {
            if (s.value() != null) {
                keys.computeIfAbsent(s.value(), v -> new TreeMap<>()).put(s.start(), s.figures());
            }
        }
        keys.forEach((keyId, series) -> judge(org, "key", keyId, series, hour, now, raised));
    }

    private void judge(String org, String kind, String subject, Map<Instant, UsageFigures> series, Instant hour,
            Instant now, List<AnomalyIncident> raised) {
        detector.judge(series, hour).ifPresent(f -> {
            AnomalyIncident incident = new AnomalyIncident(Ids.next("anm", clock), org, kind, subject, hour, f.metric(),
                    f.observed(), f.baseline().median(), f.baseline().mad(), f.threshold(), f.baseline().samples(), now);
            if (repository.insertIfAbsent(incident)) {
                sink.raise(incident);
                raised.add(incident);
            }
        });
    }

    private static Map<Instant, UsageFigures> series(List<UsageSlice> slices) {
        Map<Instant, UsageFigures> series = new TreeMap<>();
        slices.forEach(s -> series.put(s.start(), s.figures()));
        return series;
    }
}
