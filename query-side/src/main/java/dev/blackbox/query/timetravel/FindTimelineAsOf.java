package dev.blackbox.query.timetravel;

import java.time.Instant;

/**
 * One incident's timeline up to and including {@code asOf}. Answered with an empty result when the
 * incident is unknown or had not been detected yet at that instant.
 */
public record FindTimelineAsOf(String incidentId, Instant asOf) {
}
