package dev.blackbox.query.metrics;

import java.time.Duration;

/**
 * SPEC §7 for one incident, in whole seconds and as ISO-8601 durations. A metric is null when
 * the events it needs are missing (not acknowledged, not resolved, ...), never zero.
 */
public record IncidentMetricsView(
        String incidentId,
        Long timeToDetectSeconds,
        Long timeToAcknowledgeSeconds,
        Long timeToMitigateSeconds,
        Long timeToResolveSeconds,
        Long timeToRootCauseSeconds,
        Long timeOnMisleadingPathsSeconds,
        int escalationCount,
        int hypothesisCount,
        int ruledOutCount,
        String timeToDetect,
        String timeToAcknowledge,
        String timeToMitigate,
        String timeToResolve,
        String timeToRootCause,
        String timeOnMisleadingPaths) {

    static IncidentMetricsView of(String incidentId, Long timeToDetect, Long timeToAcknowledge, Long timeToMitigate,
                                  Long timeToResolve, Long timeToRootCause, Long timeOnMisleadingPaths,
                                  int escalationCount, int hypothesisCount, int ruledOutCount) {
        return new IncidentMetricsView(incidentId, timeToDetect, timeToAcknowledge, timeToMitigate, timeToResolve,
                timeToRootCause, timeOnMisleadingPaths, escalationCount, hypothesisCount, ruledOutCount,
                iso(timeToDetect), iso(timeToAcknowledge), iso(timeToMitigate), iso(timeToResolve),
                iso(timeToRootCause), iso(timeOnMisleadingPaths));
    }

    private static String iso(Long seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds).toString();
    }
}
