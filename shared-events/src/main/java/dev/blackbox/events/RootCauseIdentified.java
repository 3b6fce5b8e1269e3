package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The cause of the outage is known; a later identification supersedes an earlier one. */
@Revision("1")
public record RootCauseIdentified(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String summary,
        RootCauseCategory category,
        String hypothesisId) implements IncidentEvent {
}
