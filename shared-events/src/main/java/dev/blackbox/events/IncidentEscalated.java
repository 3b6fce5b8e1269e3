package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Another team or person was pulled into the incident. */
@Revision("1")
public record IncidentEscalated(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String escalationTarget,
        String reason) implements IncidentEvent {
}
