package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Users stopped suffering, though the cause may not be fixed yet. */
@Revision("1")
public record IncidentMitigated(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String description) implements IncidentEvent {
}
