package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A corrective action is done. */
@Revision("1")
public record CorrectiveActionCompleted(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String correctiveActionId) implements IncidentEvent {
}
