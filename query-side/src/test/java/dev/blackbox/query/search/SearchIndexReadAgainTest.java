package dev.blackbox.query.search;

import dev.blackbox.events.IncidentEvent;
import dev.blackbox.plumbing.eventsource.BackgroundEventSource;
import dev.blackbox.query.Events;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.blackbox.events.Severity.SEV2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The indexer adds new facts without replacing anything, and replaces those it may hold already: a
 * fact it indexed but had not committed when it stopped on an error is read again, and must not be
 * found twice.
 */
class SearchIndexReadAgainTest {

    private static final int NOTES = 40;

    @TempDir
    Path dataDir;

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private SearchIndex index;

    @AfterEach
    void close() {
        if (index != null) {
            index.destroy();
        }
        store.shutDown();
    }

    @Test
    void factsIndexedButNotCommittedWhenTheIndexerFailedAreFoundOnce() {
        Events inc = new Events("inc-1");
        publish(0, inc.detected("15:00", SEV2));
        for (int i = 1; i <= NOTES; i++) {
            publish(i, inc.note("15:01", "replica lag sample " + i));
        }
        // The first event is committed at once; the next ones wait for the commit a second later, so the
        // failure after the tenth leaves nine indexed and uncommitted.
        index = new SearchIndex(failingOnceAfter(10), new StaticListableBeanFactory().getBeanProvider(
                BackgroundEventSource.class), JacksonSerializer.defaultSerializer(),
                new SearchProperties(dataDir.resolve("index")), dataDir.toString());
        index.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(NOTES).equals(index.position()));

        try (SearchIndex.Reading facts = index.events()) {
            assertThat(facts.searcher.getIndexReader().numDocs()).isEqualTo(NOTES + 1);
        }
    }

    private void publish(long sequence, IncidentEvent event) {
        store.publish(new GenericDomainEventMessage<>("Incident", event.incidentId(), sequence, event));
    }

    /** The store, whose first stream fails after handing out {@code messages} messages. */
    private EventStore failingOnceAfter(int messages) {
        AtomicBoolean failed = new AtomicBoolean();
        return (EventStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{EventStore.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(store, args);
                        if (method.getName().equals("openStream") && !failed.getAndSet(true)) {
                            @SuppressWarnings("unchecked")
                            BlockingStream<TrackedEventMessage<?>> stream = (BlockingStream<TrackedEventMessage<?>>) result;
                            return new FailingStream(stream, messages);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static final class FailingStream implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> stream;
        private int left;

        FailingStream(BlockingStream<TrackedEventMessage<?>> stream, int messages) {
            this.stream = stream;
            this.left = messages;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            if (left-- == 0) {
                throw new IllegalStateException("the store went away");
            }
            return stream.nextAvailable();
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
