package dev.blackbox.command.web;

import dev.blackbox.command.incident.IncidentCommand;

/** A command endpoint's request: it makes the command, given where it came from. */
@FunctionalInterface
public interface CommandRequest {

    IncidentCommand command(Origin origin);

    /**
     * Where a request came from: the incident its path names (none for a new one), the token it
     * carried and its {@code Idempotency-Key}, which together give the ids the client left out.
     */
    record Origin(String incidentId, String sender, String idempotencyKey) {

        /** Who recorded the fact: the body's {@code by}, else the token's name. */
        String by(String by) {
            return by != null && !by.isBlank() ? by : sender;
        }

        /** The id the client gave, or one derived from the key within this incident (random without a key). */
        String id(String given, String prefix) {
            return ClientIds.idFor(given, prefix, incidentId, idempotencyKey);
        }

        /** A new incident's id: the client's, or one derived from the key within the sender's keys. */
        String incidentId(String given) {
            return ClientIds.idFor(given, "inc-", sender, idempotencyKey);
        }
    }
}
