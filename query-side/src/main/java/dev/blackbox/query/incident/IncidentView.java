package dev.blackbox.query.incident;

import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.events.Severity;

import java.time.Instant;
import java.util.List;

/** What is known about an incident as a whole: its state, times, impact, root cause and counts. */
public record IncidentView(
        String incidentId,
        String title,
        String description,
        IncidentStatus status,
        Severity severity,
        boolean drill,
        Instant impactStartedAt,
        Instant detectedAt,
        String detectedBy,
        String recordedBy,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant mitigatedAt,
        String mitigation,
        Instant resolvedAt,
        String resolution,
        int reopenCount,
        Integer userImpactPercent,
        String impactDescription,
        List<String> affectedServices,
        String rootCause,
        RootCauseCategory rootCauseCategory,
        Instant rootCauseIdentifiedAt,
        int escalationCount,
        int hypothesisCount,
        int ruledOutCount,
        int actionCount,
        int correctiveActionCount,
        Instant lastEventAt) {

    public IncidentView {
        affectedServices = affectedServices == null ? List.of() : List.copyOf(affectedServices);
    }
}
