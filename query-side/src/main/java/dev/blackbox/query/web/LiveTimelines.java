package dev.blackbox.query.web;

import dev.blackbox.query.config.LiveTimelineProperties;
import dev.blackbox.query.timeline.FindTimeline;
import dev.blackbox.query.timeline.TimelineEntryView;
import dev.blackbox.query.timeline.TimelineView;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.scheduler.Scheduler;

import java.util.List;
import java.util.function.Function;

/**
 * Followers of an incident's timeline, from an Axon subscription query on {@link FindTimeline}: its
 * initial result is the timeline so far, its updates the entries the timeline projection saves
 * afterwards. The API sends entries as JSON, the web interface as rendered HTML; both through
 * {@link TimelineFollower}.
 */
@Component
public class LiveTimelines {

    private final QueryGateway queryGateway;
    private final EventStore eventStore;
    private final LiveTimelineProperties properties;
    private final Scheduler senders;
    private final LiveFollowers followers;

    LiveTimelines(QueryGateway queryGateway, EventStore eventStore, LiveTimelineProperties properties,
                  @Qualifier("liveTimelineSenders") Scheduler senders, LiveFollowers followers) {
        this.queryGateway = queryGateway;
        this.eventStore = eventStore;
        this.properties = properties;
        this.senders = senders;
        this.followers = followers;
    }

    /**
     * A stream of the incident's entries with a sequence above {@code afterSequence} (-1 for all),
     * those recorded so far first, each made into an event by {@code event}. An unknown incident is
     * answered before the response turns into an event stream, so as a 404 problem.
     */
    public SseEmitter follow(String incidentId, long afterSequence,
                             Function<TimelineEntryView, SseEmitter.SseEventBuilder> event) {
        FindTimeline query = new FindTimeline(incidentId);
        SubscriptionQueryResult<TimelineView, TimelineEntryView> subscription = queryGateway.subscriptionQuery(
                QueryMessage.queryName(query), query, FindTimeline.SUBSCRIPTION_ANSWER,
                ResponseTypes.instanceOf(TimelineEntryView.class), properties.bufferSize());
        TimelineView current;
        try {
            current = subscription.initialResult().blockOptional().orElseGet(() -> notProjectedYet(incidentId));
        } catch (RuntimeException e) {
            subscription.cancel();
            throw e;
        }
        SseEmitter stream = TimelineFollower.follow(current, afterSequence, subscription, properties, senders, event);
        followers.add(stream);
        return stream;
    }

    /**
     * An incident the timeline does not show yet may just have been opened (a bot following the
     * incident it created a moment ago): the event store decides whether it exists.
     */
    private TimelineView notProjectedYet(String incidentId) {
        if (eventStore.lastSequenceNumberFor(incidentId).isEmpty()) {
            throw new IncidentNotFoundException(incidentId);
        }
        return new TimelineView(incidentId, List.of());
    }
}
