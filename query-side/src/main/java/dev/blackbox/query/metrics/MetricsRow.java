package dev.blackbox.query.metrics;

import dev.blackbox.query.IncidentFacts;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import static dev.blackbox.query.SqlTimes.asStored;

/** The facts the metrics of one incident are computed from. */
final class MetricsRow extends IncidentFacts {

    Instant firstAcknowledgedAt;
    Instant firstMitigatedAt;
    long misleadingSeconds;
    /** Filled for aggregates only: the categories of the incident's standing contributing factors. */
    final Set<String> factorCategories = new TreeSet<>();

    @Override
    public void keepInstantsAsStored() {
        super.keepInstantsAsStored();
        firstAcknowledgedAt = asStored(firstAcknowledgedAt);
        firstMitigatedAt = asStored(firstMitigatedAt);
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
