package dev.blackbox.query.incident;

import dev.blackbox.query.IncidentFacts;

import java.time.Instant;

import static dev.blackbox.query.SqlTimes.asStored;

/** The mutable row behind {@link IncidentView}: loaded, changed by events, saved. */
final class IncidentRow extends IncidentFacts {

    String title;
    String description;
    IncidentStatus status;
    String detectedBy;
    String recordedBy;
    Integer userImpactPercent;
    String impactDescription;
    Instant acknowledgedAt;
    String acknowledgedBy;
    Instant mitigatedAt;
    String mitigation;
    String resolution;
    int reopenCount;
    String rootCauseSummary;
    int actionCount;
    int correctiveActionCount;
    Instant lastEventAt;

    @Override
    public void keepInstantsAsStored() {
        super.keepInstantsAsStored();
        acknowledgedAt = asStored(acknowledgedAt);
        mitigatedAt = asStored(mitigatedAt);
        lastEventAt = asStored(lastEventAt);
    }

    IncidentView toView() {
        return new IncidentView(incidentId, title, description, status, severity, drill,
                impactStartedAt, detectedAt, detectedBy, recordedBy, acknowledgedAt, acknowledgedBy,
                mitigatedAt, mitigation, resolvedAt, resolution, reopenCount,
                userImpactPercent, impactDescription, services,
                rootCauseSummary, rootCauseCategory, rootCauseAt,
                escalationCount, hypothesisCount, ruledOutCount, actionCount, correctiveActionCount,
                lastEventAt);
    }
}
