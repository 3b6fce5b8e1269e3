package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A contributing factor was identified by mistake; it no longer counts, and its id stays taken. */
@Revision("1")
public record ContributingFactorWithdrawn(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String factorId,
        String reason) implements IncidentEvent {
}
