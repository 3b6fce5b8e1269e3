package dev.blackbox.command.incident;

import dev.blackbox.events.NoteAdded;
import dev.blackbox.events.NoteVisibility;
import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A note; {@code labels} are an alert's, when an alert router's notification writes the note. */
public record AddNote(
        @TargetAggregateIdentifier String incidentId,
        Instant occurredAt,
        String recordedBy,
        String noteId,
        String text,
        NoteVisibility visibility,
        Map<String, String> labels) implements IncidentCommand {

    public AddNote {
        // Sorted, so a repeated notification gives the same fingerprint whatever order its labels came in.
        labels = NoteAdded.sorted(labels);
    }

    /** A responder's note. */
    public AddNote(String incidentId, Instant occurredAt, String recordedBy, String noteId, String text,
                   NoteVisibility visibility) {
        this(incidentId, occurredAt, recordedBy, noteId, text, visibility, Map.of());
    }

    /** An internal note. */
    public AddNote(String incidentId, Instant occurredAt, String recordedBy, String noteId, String text) {
        this(incidentId, occurredAt, recordedBy, noteId, text, null);
    }
}
