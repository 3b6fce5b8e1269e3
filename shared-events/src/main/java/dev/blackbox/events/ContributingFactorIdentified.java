package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * One of the several conditions an outage needed, next to the root cause, which stays the primary
 * cause. {@code category} groups factors like root causes; {@code hypothesisId} is the hypothesis
 * that led to it, if any.
 */
@Revision("1")
public record ContributingFactorIdentified(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String factorId,
        String description,
        ContributingFactorKind kind,
        RootCauseCategory category,
        String hypothesisId) implements IncidentEvent {
}
