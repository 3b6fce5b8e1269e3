package dev.blackbox.query.postmortem;

/** The postmortem of one incident, a draft while it is open; empty when the incident is unknown. */
public record FindPostmortem(String incidentId) {
}
