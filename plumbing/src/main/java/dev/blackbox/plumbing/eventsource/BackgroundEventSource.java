package dev.blackbox.plumbing.eventsource;

import java.time.Instant;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The stored events for readers that no request waits on (the sagas, the search index): streams
 * woken by this process's commits at most once per background wake gap, so each wake reads more
 * events for the same few queries and the same one commit. A type of its own, so that injecting a
 * {@link StoredEventSource} still finds exactly one.
 */
public final class BackgroundEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StoredEventSource stored;

    BackgroundEventSource(StoredEventSource stored) {
        this.stored = stored;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return stored.openStream(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return stored.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return stored.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return stored.createTokenAt(dateTime);
    }
}
