package dev.blackbox.query.metrics;

import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.events.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.blackbox.query.SqlTimes.asStored;

/** The facts the metrics of one incident are computed from. */
final class MetricsRow {

    String incidentId;
    boolean drill;
    Severity severity;
    Instant severityChangedAt;
    RootCauseCategory rootCauseCategory;
    Instant detectedAt;
    Instant impactStartedAt;
    /** When the impact assessment that set {@code services} happened; a back-filled older one does not win. */
    Instant impactAssessedAt;
    Instant firstAcknowledgedAt;
    Instant firstMitigatedAt;
    /** The final resolution; null while open, including after a reopen. */
    Instant resolvedAt;
    /** The latest root cause identification in the world's time. */
    Instant rootCauseAt;
    int escalationCount;
    int hypothesisCount;
    int ruledOutCount;
    long misleadingSeconds;
    long lastSequence;
    List<String> services = new ArrayList<>();
    boolean servicesChanged;

    /** Keeps the instants as the table would give them back, for the next event of the same batch. */
    void keepInstantsAsStored() {
        severityChangedAt = asStored(severityChangedAt);
        detectedAt = asStored(detectedAt);
        impactStartedAt = asStored(impactStartedAt);
        impactAssessedAt = asStored(impactAssessedAt);
        firstAcknowledgedAt = asStored(firstAcknowledgedAt);
        firstMitigatedAt = asStored(firstMitigatedAt);
        resolvedAt = asStored(resolvedAt);
        rootCauseAt = asStored(rootCauseAt);
    }

    Long timeToDetect() {
        return seconds(impactStartedAt, detectedAt);
    }

    Long timeToAcknowledge() {
        return seconds(detectedAt, firstAcknowledgedAt);
    }

    /** An incident resolved without a recorded mitigation was mitigated by its resolution. */
    Long timeToMitigate() {
        return seconds(impactStartedAt, firstMitigatedAt != null ? firstMitigatedAt : resolvedAt);
    }

    Long timeToResolve() {
        return seconds(impactStartedAt, resolvedAt);
    }

    Long timeToRootCause() {
        return seconds(detectedAt, rootCauseAt);
    }

    IncidentMetricsView toView() {
        return IncidentMetricsView.of(incidentId, timeToDetect(), timeToAcknowledge(), timeToMitigate(),
                timeToResolve(), timeToRootCause(), misleadingSeconds, escalationCount, hypothesisCount,
                ruledOutCount);
    }

    private static Long seconds(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toSeconds();
    }
}
