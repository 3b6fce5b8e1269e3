package dev.blackbox.command.incident;

import java.time.Instant;

/**
 * A request to record a fact about one incident. {@code occurredAt} is null when the sender did not
 * say, and the aggregate then uses the current time; keeping it null here is what lets a retried
 * request compare equal to the original.
 */
public sealed interface IncidentCommand permits
        DetectIssue, AcknowledgeIncident, Escalate, RecordHypothesis, RuleOutHypothesis, ConfirmHypothesis,
        RecordAction, AssessImpact, ChangeSeverity, IdentifyRootCause, Mitigate, Resolve, Reopen,
        AddCorrectiveAction, CompleteCorrectiveAction, AddNote, WriteConclusion,
        IdentifyContributingFactor, WithdrawContributingFactor {

    String incidentId();

    Instant occurredAt();

    String recordedBy();
}
