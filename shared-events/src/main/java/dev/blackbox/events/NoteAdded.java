package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Free text worth keeping on the timeline. */
@Revision("1")
public record NoteAdded(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String noteId,
        String text) implements IncidentEvent {
}
