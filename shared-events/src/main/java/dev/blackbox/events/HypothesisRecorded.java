package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The responders suspect a cause and start investigating it. */
@Revision("1")
public record HypothesisRecorded(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String hypothesisId,
        String statement,
        String suspectedComponent) implements IncidentEvent {
}
