package dev.blackbox.plumbing.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The read models' coordinator is told to wait while its work packages hold a window of events, and called back after. */
class QueueBoundedStreamTest {

    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor();
    private final AtomicReference<OptionalLong> slowest = new AtomicReference<>(OptionalLong.of(-1));
    private final QueueBoundedStream stream = new QueueBoundedStream(new Positions(0, 20), -1, slowest::get, 5, checks);

    @AfterEach
    void stopChecks() {
        checks.shutdownNow();
    }

    @Test
    void handsOutAWindowOfEventsThenWaitsUntilThePackagesTakeThem() throws Exception {
        CountDownLatch calledBack = new CountDownLatch(1);
        stream.setOnAvailableCallback(calledBack::countDown);

        assertThat(takeWhileAvailable()).isEqualTo(5);
        assertThat(stream.peek()).as("the next event is there, only held back").isPresent();
        // The slowest package has taken events up to position 2: three of the five are still queued.
        slowest.set(OptionalLong.of(2));

        assertThat(calledBack.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(takeWhileAvailable()).isEqualTo(3);
        assertThat(stream.nextAvailable().trackingToken().position()).hasValue(8);
    }

    @Test
    void holdsNothingBackWhileThePackagesProgressIsUnknown() throws Exception {
        slowest.set(OptionalLong.empty());

        assertThat(takeWhileAvailable()).isEqualTo(20);
    }

    @Test
    void aProcessorWaitingForEventsIsNeverHeldBack() throws Exception {
        takeWhileAvailable();

        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.hasNextAvailable(1, TimeUnit.MILLISECONDS)).isTrue();
    }

    private int takeWhileAvailable() throws InterruptedException {
        int taken = 0;
        while (stream.hasNextAvailable()) {
            stream.nextAvailable();
            taken++;
        }
        return taken;
    }

    /** Events at consecutive positions, all in the store already. */
    private static final class Positions implements BlockingStream<TrackedEventMessage<?>> {

        private final Deque<TrackedEventMessage<?>> events = new ArrayDeque<>();

        Positions(long first, int count) {
            for (long position = first; position < first + count; position++) {
                events.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                        GenericEventMessage.asEventMessage("event " + position)));
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(events.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            return !events.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return events.remove();
        }

        @Override
        public void close() {
        }
    }
}
