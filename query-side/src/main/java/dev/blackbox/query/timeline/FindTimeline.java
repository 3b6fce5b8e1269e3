package dev.blackbox.query.timeline;

/** Every entry of one incident's timeline; answered with an empty result when the incident is unknown. */
public record FindTimeline(String incidentId) {
}
