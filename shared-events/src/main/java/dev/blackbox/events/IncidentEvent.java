package dev.blackbox.events;

import java.time.Instant;

/**
 * A fact about one incident. Every event names its incident, when it happened in the world
 * (supplied by the sender, so facts can be back-filled) and who or what recorded it.
 */
public sealed interface IncidentEvent permits
        IssueDetected, IncidentAcknowledged, IncidentEscalated,
        HypothesisRecorded, HypothesisRuledOut, HypothesisConfirmed,
        ActionTaken, ImpactAssessed, SeverityChanged, RootCauseIdentified,
        IncidentMitigated, IncidentResolved, IncidentReopened,
        CorrectiveActionAdded, CorrectiveActionCompleted, NoteAdded, ConclusionWritten,
        ContributingFactorIdentified, ContributingFactorWithdrawn {

    String incidentId();

    Instant occurredAt();

    String recordedBy();
}
