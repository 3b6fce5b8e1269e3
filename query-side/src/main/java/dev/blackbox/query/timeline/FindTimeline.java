package dev.blackbox.query.timeline;

/**
 * Every entry of one incident's timeline; answered with an empty result when the incident is unknown.
 * As a subscription query its updates are the entries projected afterwards, one
 * {@link TimelineEntryView} each, in the order the incident's events were recorded.
 */
public record FindTimeline(String incidentId) {
}
