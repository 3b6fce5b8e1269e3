package dev.blackbox.plumbing.eventsource;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * A pooled processor's stream that tells the processor's coordinator that no event is available
 * while its work packages still hold {@code window} events they have not handled, and calls it back
 * once they have.
 * <p>
 * Axon's coordinator puts every event in each work package's queue, and when a queue is full (1,024
 * events) it looks again only after 100 ms, however soon the package empties it. A rebuild's workers
 * empty their queues long before that and then wait, so those pauses paced whole rebuilds. A
 * coordinator told that nothing is available waits for this stream's call
 * instead, which comes within a millisecond of a package's progress.
 * <p>
 * How far the packages are is their processor's status: the position of the last event each
 * segment took from its queue, as of its last batch. Positions count gaps too, so the queues hold
 * fewer events than the difference. Events that arrive while the packages keep up pass straight
 * through; only the blocking look that tracking processors use is not held back.
 */
final class QueueBoundedStream implements BlockingStream<TrackedEventMessage<?>> {

    private final BlockingStream<TrackedEventMessage<?>> events;
    private final Supplier<OptionalLong> slowestSegmentPosition;
    private final long window;
    private final ScheduledExecutorService checks;
    private final AtomicBoolean watching = new AtomicBoolean();
    private volatile Runnable onAvailable = () -> {
    };
    private volatile long handedOut;
    /**
     * The slowest segment's position when last asked. Segments only move on, so until the events handed
     * out are a window ahead of it there is room, without asking the processor again for every event.
     */
    private volatile long slowestSeen;
    private volatile boolean closed;

    /**
     * @param events                 the stream to hand out
     * @param startPosition          the position the stream starts after
     * @param slowestSegmentPosition the lowest position the processor's segments have taken from their
     *                               queues; empty while that is not known, which holds nothing back
     * @param window                 how many positions the events handed out may be ahead of it
     * @param checks                 where to look again, once a millisecond, while the window is full
     */
    QueueBoundedStream(BlockingStream<TrackedEventMessage<?>> events, long startPosition,
                       Supplier<OptionalLong> slowestSegmentPosition, long window, ScheduledExecutorService checks) {
        this.events = events;
        this.handedOut = startPosition;
        this.slowestSeen = startPosition;
        this.slowestSegmentPosition = slowestSegmentPosition;
        this.window = window;
        this.checks = checks;
    }

    @Override
    public boolean hasNextAvailable() {
        if (!roomInQueues()) {
            watchForRoom();
            return false;
        }
        return events.hasNextAvailable();
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        return events.hasNextAvailable(timeout, unit);
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        TrackedEventMessage<?> next = events.nextAvailable();
        next.trackingToken().position().ifPresent(position -> handedOut = position);
        return next;
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        return events.peek();
    }

    @Override
    public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
        events.skipMessagesWithPayloadTypeOf(ignoredMessage);
    }

    @Override
    public boolean setOnAvailableCallback(Runnable callback) {
        onAvailable = callback;
        return events.setOnAvailableCallback(callback);
    }

    @Override
    public void close() {
        closed = true;
        events.close();
    }

    private boolean roomInQueues() {
        if (handedOut - slowestSeen < window) {
            return true;
        }
        OptionalLong slowest = slowestSegmentPosition.get();
        if (slowest.isEmpty()) {
            return true;
        }
        slowestSeen = slowest.getAsLong();
        return handedOut - slowestSeen < window;
    }

    private void watchForRoom() {
        if (watching.compareAndSet(false, true)) {
            checks.schedule(this::lookForRoom, 1, TimeUnit.MILLISECONDS);
        }
    }

    private void lookForRoom() {
        if (closed) {
            watching.set(false);
        } else if (roomInQueues()) {
            watching.set(false);
            onAvailable.run();
        } else {
            checks.schedule(this::lookForRoom, 1, TimeUnit.MILLISECONDS);
        }
    }
}
