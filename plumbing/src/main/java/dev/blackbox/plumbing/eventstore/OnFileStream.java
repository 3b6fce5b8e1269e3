package dev.blackbox.plumbing.eventstore;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * A stream of the store that hands out an event only once it is on file ({@link EventsOnFile}). It
 * reads what is available, up to a batch, and waits once for the whole batch: a reader catching up
 * or following a busy store waits once per batch, not once per event.
 */
public final class OnFileStream implements BlockingStream<TrackedEventMessage<?>> {

    /** Events read ahead and confirmed together: a bounded amount of memory, and few waits. */
    private static final int BATCH = 1_000;

    private final BlockingStream<TrackedEventMessage<?>> events;
    private final EventsOnFile onFile;
    private final Deque<TrackedEventMessage<?>> onFileAlready = new ArrayDeque<>();

    public OnFileStream(BlockingStream<TrackedEventMessage<?>> events, EventsOnFile onFile) {
        this.events = events;
        this.onFile = onFile;
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        return Optional.ofNullable(onFileAlready.peekFirst());
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        if (!onFileAlready.isEmpty()) {
            return true;
        }
        if (!events.hasNextAvailable(timeout, unit)) {
            return false;
        }
        do {
            onFileAlready.add(events.nextAvailable());
        } while (onFileAlready.size() < BATCH && events.hasNextAvailable(0, TimeUnit.MILLISECONDS));
        onFile.awaitOnFile(onFile.mark());
        return true;
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS);
        return onFileAlready.removeFirst();
    }

    @Override
    public void close() {
        events.close();
    }
}
