package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Free text worth keeping on the timeline.
 *
 * <p>Revision 2 added {@code visibility}: teams post status-page updates next to internal notes
 * and the postmortem must tell them apart. Revision 1 notes were all internal, which is what the
 * upcaster gives them.
 */
@Revision("2")
public record NoteAdded(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String noteId,
        String text,
        NoteVisibility visibility) implements IncidentEvent {

    public NoteAdded {
        visibility = visibility == null ? NoteVisibility.INTERNAL : visibility;
    }

    /** An internal note, as every note was before notes could be public. */
    public NoteAdded(String incidentId, Instant occurredAt, String recordedBy, String noteId, String text) {
        this(incidentId, occurredAt, recordedBy, noteId, text, NoteVisibility.INTERNAL);
    }
}
