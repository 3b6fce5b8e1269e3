package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The outage is over: the end of the incident's duration. */
@Revision("1")
public record IncidentResolved(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String resolution) implements IncidentEvent {
}
