package dev.blackbox.query.web;

import dev.blackbox.query.Events;
import dev.blackbox.query.ReadSide;
import dev.blackbox.query.config.LiveTimelineProperties;
import dev.blackbox.query.timeline.FindTimeline;
import dev.blackbox.query.timeline.TimelineEntryView;
import dev.blackbox.query.timeline.TimelineView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;

import static dev.blackbox.events.Severity.SEV2;
import static org.assertj.core.api.Assertions.assertThat;

class TimelineFollowerTest {

    private static final int BUFFER = 10;

    private final ReadSide readSide = new ReadSide(Clock.systemUTC());
    private final Events inc = new Events("inc-1");

    /** A sender that never gets to write, like one stuck on a client that stopped reading. */
    private final Scheduler stuck = Schedulers.fromExecutor(task -> { });

    @Test
    void aFollowerThatFallsTooFarBehindIsDroppedWithoutHoldingUpTheProjection() {
        readSide.publish(inc.detected("15:00", SEV2));
        FindTimeline query = new FindTimeline("inc-1");
        SubscriptionQueryResult<Optional<TimelineView>, TimelineEntryView> subscription =
                readSide.queryGateway().subscriptionQuery(QueryMessage.queryName(query), query,
                        ResponseTypes.optionalInstanceOf(TimelineView.class),
                        ResponseTypes.instanceOf(TimelineEntryView.class), BUFFER);
        TimelineView current = subscription.initialResult().block().orElseThrow();

        TimelineFollower.follow(current, -1, subscription,
                new LiveTimelineProperties(Duration.ofHours(1), BUFFER, 1), stuck,
                entry -> SseEmitter.event().name("entry").data(entry));
        readSide.publish(inc.note("15:01", "a few entries fit"), inc.note("15:02", "behind, but not too far"));

        assertThat(readSide.queryUpdateEmitter().activeSubscriptions()).hasSize(1);

        // Far more than the buffer and Reactor's fixed prefetch queues between it and the sender.
        IntStream.range(0, 600).forEach(i -> readSide.publish(inc.note("16:00", "note " + i)));

        assertThat(readSide.queryUpdateEmitter().activeSubscriptions()).isEmpty();
        assertThat(readSide.find(query, TimelineView.class).orElseThrow().entries()).hasSize(603);
    }
}
