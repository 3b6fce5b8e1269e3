package dev.blackbox.query.postmortem;

import dev.blackbox.events.Severity;

import java.time.Instant;
import java.util.List;

/**
 * The opening section. The outage runs from {@code startedAt} (impact start) to {@code endedAt}
 * (the final resolution); while it is ongoing {@code endedAt} is null and the duration is the
 * time so far, up to when the postmortem was generated.
 */
public record IssueSummaryView(
        Instant startedAt,
        Instant endedAt,
        boolean ongoing,
        long durationSeconds,
        String duration,
        Instant detectedAt,
        String detectedBy,
        Instant acknowledgedAt,
        String acknowledgedBy,
        String whatUsersSaw,
        String impactAssessment,
        Integer userImpactPercent,
        List<String> affectedServices,
        Severity severity,
        String rootCause) {

    public IssueSummaryView {
        affectedServices = List.copyOf(affectedServices);
    }
}
