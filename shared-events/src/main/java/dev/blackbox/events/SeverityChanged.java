package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The incident was re-graded. */
@Revision("1")
public record SeverityChanged(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        Severity previousSeverity,
        Severity severity,
        String reason) implements IncidentEvent {
}
