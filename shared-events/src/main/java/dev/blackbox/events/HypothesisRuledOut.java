package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A suspected cause turned out to be wrong: a dead end of the investigation. */
@Revision("1")
public record HypothesisRuledOut(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String hypothesisId,
        String evidence) implements IncidentEvent {
}
