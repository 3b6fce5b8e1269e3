package dev.blackbox.query.timetravel;

import java.time.Instant;

/**
 * One incident with its investigation as it stood at {@code asOf}: only the facts that happened
 * (by {@code occurredAt}) at or before that instant. Answered with an empty result when the
 * incident is unknown or had not been detected yet at that instant.
 */
public record FindIncidentAsOf(String incidentId, Instant asOf) {
}
