package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A resolved outage came back; the incident is open again until resolved anew. */
@Revision("1")
public record IncidentReopened(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String reason) implements IncidentEvent {
}
