package dev.blackbox.query.incident;

/** One incident's summary; answered with an empty result when the incident is unknown. */
public record FindIncident(String incidentId) {
}
