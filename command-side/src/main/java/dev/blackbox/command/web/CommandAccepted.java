package dev.blackbox.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The answer to a command: the ids it affected. A retried request gets the same answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CommandAccepted(
        String incidentId,
        String hypothesisId,
        String actionId,
        String correctiveActionId,
        String noteId) {

    static CommandAccepted incident(String incidentId) {
        return new CommandAccepted(incidentId, null, null, null, null);
    }

    static CommandAccepted hypothesis(String incidentId, String hypothesisId) {
        return new CommandAccepted(incidentId, hypothesisId, null, null, null);
    }

    static CommandAccepted action(String incidentId, String actionId) {
        return new CommandAccepted(incidentId, null, actionId, null, null);
    }

    static CommandAccepted correctiveAction(String incidentId, String correctiveActionId) {
        return new CommandAccepted(incidentId, null, null, correctiveActionId, null);
    }

    static CommandAccepted note(String incidentId, String noteId) {
        return new CommandAccepted(incidentId, null, null, null, noteId);
    }
}
