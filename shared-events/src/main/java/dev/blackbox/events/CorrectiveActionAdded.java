package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Follow-up work to prevent a recurrence, usually added while writing the postmortem. */
@Revision("1")
public record CorrectiveActionAdded(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String correctiveActionId,
        String description,
        CorrectiveActionKind kind,
        String owner,
        Instant dueAt) implements IncidentEvent {
}
