package dev.blackbox.query.web;

import dev.blackbox.query.config.LiveTimelineProperties;
import dev.blackbox.query.timeline.FindTimeline;
import dev.blackbox.query.timeline.TimelineEntryView;
import dev.blackbox.query.timeline.TimelineView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.scheduler.Scheduler;

import java.util.List;

/**
 * An incident's timeline as it happens, over Server-Sent Events, from an Axon subscription query
 * on {@link FindTimeline}: its initial result is the timeline so far, its updates the entries the
 * timeline projection saves afterwards. See {@link TimelineFollower} for what a follower receives.
 */
@RestController
@Tag(name = "Incidents")
class LiveTimelineController {

    private final QueryGateway queryGateway;
    private final EventStore eventStore;
    private final LiveTimelineProperties properties;
    private final Scheduler senders;
    private final LiveFollowers followers;

    LiveTimelineController(QueryGateway queryGateway, EventStore eventStore, LiveTimelineProperties properties,
                           @Qualifier("liveTimelineSenders") Scheduler senders, LiveFollowers followers) {
        this.queryGateway = queryGateway;
        this.eventStore = eventStore;
        this.properties = properties;
        this.senders = senders;
        this.followers = followers;
    }

    @GetMapping(path = "/api/v1/incidents/{incidentId}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events: the timeline so far, then each entry as it is recorded (event: entry, id: sequence)")
    SseEmitter live(@PathVariable String incidentId) {
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
        SseEmitter stream = TimelineFollower.follow(current, subscription, properties, senders);
        followers.add(stream);
        return stream;
    }

    /**
     * An incident the timeline does not show yet may just have been opened (a bot following the
     * incident it created a moment ago): the event store decides whether it exists. An unknown
     * incident is answered before the response turns into an event stream, so as a 404 problem.
     */
    private TimelineView notProjectedYet(String incidentId) {
        if (eventStore.lastSequenceNumberFor(incidentId).isEmpty()) {
            throw new IncidentNotFoundException(incidentId);
        }
        return new TimelineView(incidentId, List.of());
    }
}
