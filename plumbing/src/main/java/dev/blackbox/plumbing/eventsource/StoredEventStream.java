package dev.blackbox.plumbing.eventsource;

import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;
import org.axonframework.common.Registration;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * One processor's stream of stored events, read straight from the storage engine and woken by a
 * {@link CommitSignal}.
 *
 * <p>The store is read only after a signal: a signal marks the stream, the next look for events opens
 * a read from the last event handed out and follows it until the store has nothing more, and a
 * stream that found the end waits for the next signal instead of asking the database again. A signal
 * also runs the availability callback, so a pooled processor's coordinator looks at once instead of
 * at its next 500 ms poll, and wakes a thread blocked in {@link #hasNextAvailable(int, TimeUnit)}.
 *
 * <p>Memory stays bounded: the engine fetches one batch of rows at a time, upcasts and deserializes
 * them lazily, and this stream holds at most the one event it has peeked at. Reading on from the same
 * engine stream keeps the events that an upcaster made from one stored event together, and reopening
 * from the last handed-out token lets the engine's gap-aware token pick up events that slower
 * transactions committed below it.
 *
 * <p>Like Axon's own event streams it is used by one consumer thread at a time; only the signal
 * arrives from other threads.
 */
final class StoredEventStream implements BlockingStream<TrackedEventMessage<?>> {

    private final EventStorageEngine storage;
    private final Registration listening;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signalled = lock.newCondition();
    /** Set by a signal, cleared when a read starts; the first look reads whatever the store already has. */
    private volatile boolean unread = true;
    private volatile Runnable onAvailable = () -> {
    };
    private TrackingToken lastToken;
    private Stream<? extends TrackedEventMessage<?>> reading;
    private Iterator<? extends TrackedEventMessage<?>> events;
    private TrackedEventMessage<?> peeked;

    /** {@code listen} registers the stream to be woken, by a {@link CommitSignal}. */
    StoredEventStream(EventStorageEngine storage, TrackingToken start, Function<Runnable, Registration> listen) {
        this.storage = storage;
        this.lastToken = start;
        this.listening = listen.apply(this::signal);
    }

    private void signal() {
        lock.lock();
        try {
            unread = true;
            signalled.signalAll();
        } finally {
            lock.unlock();
        }
        onAvailable.run();
    }

    @Override
    public boolean setOnAvailableCallback(Runnable callback) {
        onAvailable = callback;
        return true;
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        return hasNextAvailable() ? Optional.of(peeked) : Optional.empty();
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!readAhead()) {
            lock.lock();
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                if (!unread) {
                    signalled.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }
        return true;
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
            // Only returns without an event after almost 25 days; keep waiting.
        }
        TrackedEventMessage<?> next = peeked;
        peeked = null;
        return next;
    }

    /** Peeks at the next event if the store has one now, reading it only when signalled; true if peeked. */
    private boolean readAhead() {
        while (peeked == null) {
            if (events == null && !unread) {
                return false;
            }
            try {
                if (events == null) {
                    unread = false;
                    reading = storage.readEvents(lastToken, false);
                    events = reading.iterator();
                }
                if (events.hasNext()) {
                    peeked = events.next();
                    lastToken = peeked.trackingToken();
                } else {
                    stopReading();
                }
            } catch (RuntimeException e) {
                // The database failed; whoever retries reads again from the last event handed out.
                stopReading();
                unread = true;
                throw e;
            }
        }
        return true;
    }

    private void stopReading() {
        if (reading != null) {
            reading.close();
        }
        reading = null;
        events = null;
    }

    @Override
    public void close() {
        listening.cancel();
        stopReading();
    }
}
