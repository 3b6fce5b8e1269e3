package dev.blackbox.command.incident;

import dev.blackbox.events.NoteVisibility;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddNote(
        @TargetAggregateIdentifier String incidentId,
        Instant occurredAt,
        String recordedBy,
        String noteId,
        String text,
        NoteVisibility visibility) implements IncidentCommand {

    /** An internal note. */
    public AddNote(String incidentId, Instant occurredAt, String recordedBy, String noteId, String text) {
        this(incidentId, occurredAt, recordedBy, noteId, text, null);
    }
}
