package dev.blackbox.events;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.serialization.Revision;

/**
 * Free text worth keeping on the timeline.
 *
 * <p>Revision 2 added {@code visibility}: teams post status-page updates next to internal notes
 * and the postmortem must tell them apart. Revision 1 notes were all internal, which is what the
 * upcaster gives them.
 *
 * <p>Revision 3 added {@code labels}: the labels of the alert a note records when an alert router's
 * notification wrote it, so later incidents can be compared by them; a responder's note, and every
 * note stored before, has none.
 */
@Revision("3")
public record NoteAdded(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String noteId,
        String text,
        NoteVisibility visibility,
        Map<String, String> labels) implements IncidentEvent {

    public NoteAdded {
        visibility = visibility == null ? NoteVisibility.INTERNAL : visibility;
        labels = sorted(labels);
    }

    /** Labels sorted by name, none for null: the same labels always read, print and compare alike. */
    public static Map<String, String> sorted(Map<String, String> labels) {
        return labels == null || labels.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** A note without labels: what a responder writes. */
    public NoteAdded(String incidentId, Instant occurredAt, String recordedBy, String noteId, String text,
                     NoteVisibility visibility) {
        this(incidentId, occurredAt, recordedBy, noteId, text, visibility, Map.of());
    }

    /** An internal note, as every note was before notes could be public. */
    public NoteAdded(String incidentId, Instant occurredAt, String recordedBy, String noteId, String text) {
        this(incidentId, occurredAt, recordedBy, noteId, text, NoteVisibility.INTERNAL);
    }
}
