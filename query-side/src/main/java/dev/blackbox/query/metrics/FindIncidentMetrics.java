package dev.blackbox.query.metrics;

/** The time-to-X metrics of one incident; answered with an empty result when the incident is unknown. */
public record FindIncidentMetrics(String incidentId) {
}
