package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Something was done to the system, with what it did; optionally while testing a hypothesis. */
@Revision("1")
public record ActionTaken(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String actionId,
        String description,
        ActionOutcome outcome,
        String hypothesisId) implements IncidentEvent {
}
