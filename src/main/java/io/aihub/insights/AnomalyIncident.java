package io.aihub.insights;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An hour in which a subject ({@code organization} or {@code key}) spent or asked far more than usual:
 * {@code metric} ({@code cost} or {@code requests}) was {@code observed} against a threshold of
 * median + k x MAD over {@code samples} baseline hours.
 */
public record AnomalyIncident(String id, String organizationId, String subjectKind, String subjectId, Instant hourStart,
        String metric, BigDecimal observed, BigDecimal baselineMedian, BigDecimal baselineMad, BigDecimal threshold,
        int samples, Instant detectedAt) {
}
