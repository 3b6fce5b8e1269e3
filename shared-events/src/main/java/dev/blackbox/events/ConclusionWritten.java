package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The human-written closing paragraph of the postmortem; the latest one counts. */
@Revision("1")
public record ConclusionWritten(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String text) implements IncidentEvent {
}
