package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A suspected cause was shown to be right. */
@Revision("1")
public record HypothesisConfirmed(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String hypothesisId,
        String evidence) implements IncidentEvent {
}
