package dev.blackbox.plumbing.eventsource;

import java.time.Instant;
import java.util.function.Function;
import org.axonframework.common.Registration;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The events of this process's storage engine for streaming processors, in streams that are woken as
 * soon as a local commit appended events ({@link StoredEventStream}) instead of being polled.
 */
public final class StoredEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EventStorageEngine storage;
    private final Function<Runnable, Registration> listen;

    /** Streams woken at most once per wake gap. */
    StoredEventSource(EventStorageEngine storage, CommitSignal signal) {
        this(storage, signal::listen);
    }

    /** Streams that {@code listen} registers to be woken. */
    StoredEventSource(EventStorageEngine storage, Function<Runnable, Registration> listen) {
        this.storage = storage;
        this.listen = listen;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new StoredEventStream(storage, trackingToken, listen);
    }

    @Override
    public TrackingToken createTailToken() {
        return storage.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return storage.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return storage.createTokenAt(dateTime);
    }
}
