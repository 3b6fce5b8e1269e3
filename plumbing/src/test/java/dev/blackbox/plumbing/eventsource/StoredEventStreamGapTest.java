package dev.blackbox.plumbing.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stream of the {@link StoredEventSource} on the real JDBC engine and the embedded database: an
 * event whose transaction commits after a later one (a gap in the token) is still read once it
 * commits. Two transactions are held open by hand so that the order is deterministic.
 */
class StoredEventStreamGapTest {

    private final CommitSignal signal = new CommitSignal(SimpleEventBus.builder().build(), Duration.ofHours(1), Duration.ZERO);
    private final HeldEvents events = new HeldEvents();

    @AfterEach
    void close() throws Exception {
        events.close();
    }

    @Test
    void anEventCommittedAfterALaterOneIsStillRead() throws Exception {
        Connection slow = events.bHeldBetweenAAndC();
        BlockingStream<TrackedEventMessage<?>> stream = new StoredEventSource(events.storage(), signal)
                .openStream(GapAwareTrackingToken.newInstance(1, List.of()));
        assertThat(HeldEvents.drain(stream)).containsExactly("c");

        slow.commit();
        signal.fire();

        assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isTrue();
        TrackedEventMessage<?> late = stream.nextAvailable();
        assertThat(((DomainEventMessage<?>) late).getAggregateIdentifier()).isEqualTo("b");
        // Its token still counts the highest index read (3), not the event's own index (2):
        // whoever needs the event's place in the store must not take the token's position for it.
        assertThat(late.trackingToken().position()).hasValue(3);
        assertThat(((GapAwareTrackingToken) late.trackingToken()).getGaps()).isEmpty();
        assertThat(HeldEvents.drain(stream)).isEmpty();
        stream.close();
    }
}
