package dev.blackbox.plumbing.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stream of the {@link StoredEventSource} reads the store when opened and then only when signalled,
 * and a signal reaches both kinds of reader: the availability callback and a blocked thread.
 */
class StoredEventStreamTest {

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    // Not started: no ticks, the tests fire every signal themselves.
    private final CommitSignal signal = new CommitSignal(SimpleEventBus.builder().build(), Duration.ofHours(1), Duration.ZERO);
    private final StoredEventSource source = new StoredEventSource(storage, signal);
    private final List<BlockingStream<TrackedEventMessage<?>>> opened = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        opened.forEach(BlockingStream::close);
    }

    @Test
    void aNewStreamReadsWhatIsAlreadyStoredFromItsStartToken() throws InterruptedException {
        store("first", "second", "third");
        TrackedEventMessage<?> first = open(null).nextAvailable();

        BlockingStream<TrackedEventMessage<?>> stream = open(first.trackingToken());

        assertThat(drain(stream)).containsExactly("second", "third");
    }

    @Test
    void eventsStoredLaterAreReadOnlyOnceSignalled() throws InterruptedException {
        store("first");
        BlockingStream<TrackedEventMessage<?>> stream = open(null);
        assertThat(drain(stream)).containsExactly("first");

        store("second", "third");
        boolean beforeSignal = stream.hasNextAvailable();
        signal.fire();

        assertThat(beforeSignal).isFalse();
        assertThat(stream.peek().map(event -> (Object) event.getPayload())).contains("second");
        assertThat(drain(stream)).containsExactly("second", "third");
        assertThat(stream.hasNextAvailable()).isFalse();
    }

    @Test
    void aSignalRunsTheAvailabilityCallbackOfEveryOpenStreamUntilItIsClosed() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        BlockingStream<TrackedEventMessage<?>> firstStream = open(null);
        assertThat(firstStream.setOnAvailableCallback(first::incrementAndGet)).isTrue();
        open(null).setOnAvailableCallback(second::incrementAndGet);

        signal.fire();
        firstStream.close();
        signal.fire();

        assertThat(first).hasValue(1);
        assertThat(second).hasValue(2);
    }

    @Test
    void aSignalWakesAThreadWaitingForEvents() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = open(null);
        assertThat(stream.hasNextAvailable()).isFalse();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                // Far longer than the test may take: only the signal can end this wait with an event.
                return stream.hasNextAvailable(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });

        store("late");
        signal.fire();

        assertThat(waiting.get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("late");
    }

    @Test
    void aWaitWithoutSignalEndsEmptyHandedAtItsTimeout() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = open(null);
        assertThat(stream.hasNextAvailable()).isFalse();
        store("unannounced");

        assertThat(stream.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();
    }

    private BlockingStream<TrackedEventMessage<?>> open(TrackingToken start) {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(start);
        opened.add(stream);
        return stream;
    }

    private void store(String... payloads) {
        for (String payload : payloads) {
            storage.appendEvents(GenericEventMessage.asEventMessage(payload));
        }
    }

    private static List<Object> drain(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        List<Object> payloads = new ArrayList<>();
        while (stream.hasNextAvailable()) {
            payloads.add(stream.nextAvailable().getPayload());
        }
        return payloads;
    }
}
