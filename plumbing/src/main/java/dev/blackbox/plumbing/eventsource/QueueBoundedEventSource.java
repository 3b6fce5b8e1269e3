package dev.blackbox.plumbing.eventsource;

import java.time.Instant;
import java.util.Collection;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The stored events for one pooled processor, handed out no faster than its work packages take them
 * from their queues ({@link QueueBoundedStream}).
 */
public final class QueueBoundedEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    private final StoredEventSource stored;
    private final long window;
    private final Supplier<StreamingEventProcessor> processor;
    private volatile StreamingEventProcessor reading;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "queue-bounded-stream");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param window    how many events the work packages may hold that they have not taken yet
     * @param processor the processor reading the streams, looked up when a stream first asks
     */
    QueueBoundedEventSource(StoredEventSource stored, long window, Supplier<StreamingEventProcessor> processor) {
        this.stored = stored;
        this.window = window;
        this.processor = processor;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        long start = trackingToken == null ? -1 : trackingToken.position().orElse(-1);
        return new QueueBoundedStream(stored.openStream(trackingToken), start, () -> slowestSegment(start),
                window, checks);
    }

    /** The lowest position this process's segments have taken, a segment that has taken none at {@code start}. */
    private OptionalLong slowestSegment(long start) {
        if (reading == null) {
            reading = processor.get();
            if (reading == null) {
                return OptionalLong.empty();
            }
        }
        Collection<EventTrackerStatus> segments = reading.processingStatus().values();
        return segments.stream().mapToLong(segment -> segment.getCurrentPosition().orElse(start)).min();
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

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
