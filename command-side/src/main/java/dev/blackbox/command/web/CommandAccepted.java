package dev.blackbox.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.blackbox.command.incident.AddCorrectiveAction;
import dev.blackbox.command.incident.AddNote;
import dev.blackbox.command.incident.CompleteCorrectiveAction;
import dev.blackbox.command.incident.ConfirmHypothesis;
import dev.blackbox.command.incident.DetectIssue;
import dev.blackbox.command.incident.IdentifyContributingFactor;
import dev.blackbox.command.incident.IncidentCommand;
import dev.blackbox.command.incident.RecordAction;
import dev.blackbox.command.incident.RecordHypothesis;
import dev.blackbox.command.incident.RuleOutHypothesis;
import dev.blackbox.command.incident.WithdrawContributingFactor;

/** The answer to a command: the ids it affected. A retried request gets the same answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CommandAccepted(
        String incidentId,
        String hypothesisId,
        String actionId,
        String correctiveActionId,
        String noteId,
        String factorId) {

    /** The ids {@code command} affected. */
    static CommandAccepted of(IncidentCommand command) {
        String incident = command.incidentId();
        if (command instanceof RecordHypothesis c) {
            return new CommandAccepted(incident, c.hypothesisId(), null, null, null, null);
        }
        if (command instanceof RuleOutHypothesis c) {
            return new CommandAccepted(incident, c.hypothesisId(), null, null, null, null);
        }
        if (command instanceof ConfirmHypothesis c) {
            return new CommandAccepted(incident, c.hypothesisId(), null, null, null, null);
        }
        if (command instanceof RecordAction c) {
            return new CommandAccepted(incident, null, c.actionId(), null, null, null);
        }
        if (command instanceof AddCorrectiveAction c) {
            return new CommandAccepted(incident, null, null, c.correctiveActionId(), null, null);
        }
        if (command instanceof CompleteCorrectiveAction c) {
            return new CommandAccepted(incident, null, null, c.correctiveActionId(), null, null);
        }
        if (command instanceof AddNote c) {
            return new CommandAccepted(incident, null, null, null, c.noteId(), null);
        }
        if (command instanceof IdentifyContributingFactor c) {
            return new CommandAccepted(incident, null, null, null, null, c.factorId());
        }
        if (command instanceof WithdrawContributingFactor c) {
            return new CommandAccepted(incident, null, null, null, null, c.factorId());
        }
        return new CommandAccepted(incident, null, null, null, null, null);
    }

    /** Whether {@code command} creates something with an id of its own (201), or adds to what exists (202). */
    static boolean creates(IncidentCommand command) {
        return command instanceof DetectIssue || command instanceof RecordHypothesis
                || command instanceof RecordAction || command instanceof AddCorrectiveAction
                || command instanceof AddNote || command instanceof IdentifyContributingFactor;
    }
}
