package dev.blackbox.command.incident;

import dev.blackbox.events.ActionTaken;
import dev.blackbox.events.ConclusionWritten;
import dev.blackbox.events.ContributingFactorIdentified;
import dev.blackbox.events.ContributingFactorWithdrawn;
import dev.blackbox.events.CorrectiveActionAdded;
import dev.blackbox.events.CorrectiveActionCompleted;
import dev.blackbox.events.HypothesisConfirmed;
import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.events.HypothesisRuledOut;
import dev.blackbox.events.ImpactAssessed;
import dev.blackbox.events.IncidentAcknowledged;
import dev.blackbox.events.IncidentEscalated;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.events.IncidentMitigated;
import dev.blackbox.events.IncidentReopened;
import dev.blackbox.events.IncidentResolved;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.NoteAdded;
import dev.blackbox.events.RootCauseIdentified;
import dev.blackbox.events.SeverityChanged;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns recorded facts back into the commands that record them, so that history coming from
 * elsewhere (an import, a drill replaying a past incident) passes the same rules as live commands.
 */
public final class IncidentHistory {

    private IncidentHistory() {
    }

    /** The command that records {@code event} on {@code incidentId} as having happened at {@code at}. */
    public static IncidentCommand commandFor(IncidentEvent event, String incidentId, Instant at) {
        String by = event.recordedBy();
        if (event instanceof IssueDetected e) {
            return new DetectIssue(incidentId, at, by, e.title(), e.description(), e.severity(), e.detectedBy(),
                    e.impactStartedAt() == null ? null : at.minus(Duration.between(e.impactStartedAt(), e.occurredAt())),
                    e.affectedServices(), e.userImpactPercent(), e.drill());
        }
        if (event instanceof IncidentAcknowledged e) {
            return new AcknowledgeIncident(incidentId, at, by, e.responder());
        }
        if (event instanceof IncidentEscalated e) {
            return new Escalate(incidentId, at, by, e.escalationTarget(), e.reason());
        }
        if (event instanceof HypothesisRecorded e) {
            return new RecordHypothesis(incidentId, at, by, e.hypothesisId(), e.statement(), e.suspectedComponent());
        }
        if (event instanceof HypothesisRuledOut e) {
            return new RuleOutHypothesis(incidentId, at, by, e.hypothesisId(), e.evidence());
        }
        if (event instanceof HypothesisConfirmed e) {
            return new ConfirmHypothesis(incidentId, at, by, e.hypothesisId(), e.evidence());
        }
        if (event instanceof ActionTaken e) {
            return new RecordAction(incidentId, at, by, e.actionId(), e.description(), e.outcome(), e.hypothesisId());
        }
        if (event instanceof ImpactAssessed e) {
            return new AssessImpact(incidentId, at, by, e.userImpactPercent(), e.affectedServices(), e.description());
        }
        if (event instanceof SeverityChanged e) {
            return new ChangeSeverity(incidentId, at, by, e.severity(), e.reason());
        }
        if (event instanceof RootCauseIdentified e) {
            return new IdentifyRootCause(incidentId, at, by, e.summary(), e.category(), e.hypothesisId());
        }
        if (event instanceof IncidentMitigated e) {
            return new Mitigate(incidentId, at, by, e.description());
        }
        if (event instanceof IncidentResolved e) {
            return new Resolve(incidentId, at, by, e.resolution());
        }
        if (event instanceof IncidentReopened e) {
            return new Reopen(incidentId, at, by, e.reason());
        }
        if (event instanceof CorrectiveActionAdded e) {
            return new AddCorrectiveAction(incidentId, at, by, e.correctiveActionId(), e.description(), e.kind(),
                    e.owner(), e.dueAt());
        }
        if (event instanceof CorrectiveActionCompleted e) {
            return new CompleteCorrectiveAction(incidentId, at, by, e.correctiveActionId());
        }
        if (event instanceof NoteAdded e) {
            return new AddNote(incidentId, at, by, e.noteId(), e.text(), e.visibility());
        }
        if (event instanceof ConclusionWritten e) {
            return new WriteConclusion(incidentId, at, by, e.text());
        }
        if (event instanceof ContributingFactorIdentified e) {
            return new IdentifyContributingFactor(incidentId, at, by, e.factorId(), e.description(), e.kind(),
                    e.category(), e.hypothesisId());
        }
        if (event instanceof ContributingFactorWithdrawn e) {
            return new WithdrawContributingFactor(incidentId, at, by, e.factorId(), e.reason());
        }
        throw new IllegalArgumentException("no command records " + event.getClass().getSimpleName());
    }
}
