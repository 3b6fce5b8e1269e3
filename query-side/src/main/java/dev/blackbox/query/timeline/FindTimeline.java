package dev.blackbox.query.timeline;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;

/**
 * Every entry of one incident's timeline; answered with an empty result when the incident is unknown.
 * As a subscription query its updates are the entries projected afterwards, one
 * {@link TimelineEntryView} each, in the order the incident's events were recorded.
 */
public record FindTimeline(String incidentId) {

    /**
     * What a subscription asks for first: the view, or null while the incident has none. Axon converts
     * a subscription's first answer to the asked type before it crosses Axon Server, and an
     * {@code Optional} cannot be serialized there.
     */
    public static final ResponseType<TimelineView> SUBSCRIPTION_ANSWER = ResponseTypes.instanceOf(TimelineView.class);
}
