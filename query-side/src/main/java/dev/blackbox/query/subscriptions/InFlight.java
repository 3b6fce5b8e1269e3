package dev.blackbox.query.subscriptions;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.axonframework.eventhandling.TrackingToken;

/**
 * The steps one subscription has taken and not yet finished, in the store's order. Deliveries of
 * different incidents finish in any order; the token only passes a step once it and every step
 * before it are finished, so after a crash delivery starts again at the first unfinished one.
 */
final class InFlight {

    /** A step taken: finished once delivered, parked, or found to be nothing to deliver. */
    static final class Slot {
        private final TrackingToken token;
        private boolean finished;

        private Slot(TrackingToken token) {
            this.token = token;
        }
    }

    private final int window;
    private final Deque<Slot> slots = new ArrayDeque<>();
    private TrackingToken done;

    InFlight(TrackingToken start, int window) {
        this.done = start;
        this.window = window;
    }

    /** Waits up to {@code wait} for fewer than the window's steps to be unfinished; true if so. */
    synchronized boolean awaitRoom(Duration wait) throws InterruptedException {
        if (slots.size() >= window) {
            wait(wait.toMillis());
        }
        return slots.size() < window;
    }

    synchronized Slot take(TrackingToken token) {
        Slot slot = new Slot(token);
        slots.addLast(slot);
        return slot;
    }

    /** Takes a step that has nothing to deliver. */
    void pass(TrackingToken token) {
        finish(take(token));
    }

    synchronized void finish(Slot slot) {
        slot.finished = true;
        while (!slots.isEmpty() && slots.peekFirst().finished) {
            done = slots.removeFirst().token;
        }
        notifyAll();
    }

    /** The token of the last step that every step up to was finished. */
    synchronized TrackingToken done() {
        return done;
    }

    synchronized boolean isEmpty() {
        return slots.isEmpty();
    }
}
