package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A responder took ownership of the incident. */
@Revision("1")
public record IncidentAcknowledged(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String responder) implements IncidentEvent {
}
