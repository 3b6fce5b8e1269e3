package dev.blackbox.query.incident;

import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.events.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.blackbox.query.SqlTimes.asStored;

/** The mutable row behind {@link IncidentView}: loaded, changed by events, saved. */
final class IncidentRow {

    String incidentId;
    String title;
    String description;
    IncidentStatus status;
    Severity severity;
    Instant severityChangedAt;
    Instant detectedAt;
    String detectedBy;
    String recordedBy;
    Instant impactStartedAt;
    Integer userImpactPercent;
    String impactDescription;
    Instant impactAssessedAt;
    boolean drill;
    Instant acknowledgedAt;
    String acknowledgedBy;
    Instant mitigatedAt;
    String mitigation;
    Instant resolvedAt;
    String resolution;
    int reopenCount;
    String rootCauseSummary;
    RootCauseCategory rootCauseCategory;
    Instant rootCauseAt;
    int escalationCount;
    int hypothesisCount;
    int ruledOutCount;
    int actionCount;
    int correctiveActionCount;
    Instant lastEventAt;
    long lastSequence;
    List<String> services = new ArrayList<>();
    boolean servicesChanged;

    /** Keeps the instants as the table would give them back, for the next event of the same batch. */
    void keepInstantsAsStored() {
        severityChangedAt = asStored(severityChangedAt);
        detectedAt = asStored(detectedAt);
        impactStartedAt = asStored(impactStartedAt);
        impactAssessedAt = asStored(impactAssessedAt);
        acknowledgedAt = asStored(acknowledgedAt);
        mitigatedAt = asStored(mitigatedAt);
        resolvedAt = asStored(resolvedAt);
        rootCauseAt = asStored(rootCauseAt);
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
