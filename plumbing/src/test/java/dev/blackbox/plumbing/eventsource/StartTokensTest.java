package dev.blackbox.plumbing.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reading from the head or from a position (a subscription created now, or replayed) does not skip
 * an event whose transaction took an index below that point and commits later: the start token has
 * that index as a gap. A transaction is held open by hand so that the order is deterministic.
 */
class StartTokensTest {

    private final CommitSignal signal = new CommitSignal(SimpleEventBus.builder().build(), Duration.ofHours(1), Duration.ZERO);
    private final HeldEvents events = new HeldEvents();
    private final StoredEventSource source = new StoredEventSource(events.storage(), signal);

    @AfterEach
    void close() throws Exception {
        events.close();
    }

    @Test
    void fromTheHeadAnEventCommittedBelowItLaterIsRead() throws Exception {
        Connection slow = events.bHeldBetweenAAndC();
        TrackingToken start = StartTokens.withRecentGaps(source, source.createHeadToken());
        assertThat(start.position()).hasValue(3);

        slow.commit();

        assertThat(read(start)).containsExactly("b");
    }

    @Test
    void fromAPositionAnEventCommittedBelowItLaterIsRead() throws Exception {
        Connection slow = events.bHeldBetweenAAndC();
        events.commit("d");                          // index 4
        TrackingToken afterThree = StartTokens.withRecentGaps(source, GapAwareTrackingToken.newInstance(3, List.of()));

        slow.commit();

        assertThat(read(afterThree)).containsExactly("b", "d");
    }

    @Test
    void eventsCommittedBeforeTheStartAreNotReadAgain() throws Exception {
        events.commit("a");                          // index 1
        events.begin("b").rollback();                // index 2, never committed
        events.commit("c");                          // index 3
        events.commit("d");                          // index 4

        assertThat(read(StartTokens.withRecentGaps(source, source.createHeadToken()))).isEmpty();
        assertThat(read(StartTokens.withRecentGaps(source, GapAwareTrackingToken.newInstance(2, List.of()))))
                .containsExactly("c", "d");
    }

    private List<String> read(TrackingToken from) throws InterruptedException {
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(from)) {
            return HeldEvents.drain(stream);
        }
    }
}
