package dev.blackbox.plumbing.positions;

import java.util.function.LongSupplier;

/**
 * A value read for many callers at once, each answered by a read that began after it asked: callers
 * that ask while a read is under way share the next read instead of starting one each. So a caller
 * sees at least what was true when it asked, as with a read of its own, while a busy server reads
 * once per round of callers.
 * <p>
 * On Axon Server a command's position is the head of the event stream after the command, one more
 * call to Axon Server per command beside its dispatch, its append and its result; with dozens of
 * commands answered at once, most of those calls are the same question asked a moment apart.
 */
final class SharedReads {

    /** The callers who will share one read, and what it answered. */
    private static final class Round {
        private boolean done;
        private long value;
        private RuntimeException failure;

        private long answer() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }

    private final LongSupplier source;
    private Round waiting = new Round();
    private boolean reading;

    SharedReads(LongSupplier source) {
        this.source = source;
    }

    /** The value, read after this call began: by this caller, or by one asking at about the same time. */
    long read() {
        Round round;
        synchronized (this) {
            round = waiting;
            boolean interrupted = false;
            // A read under way may have begun before this caller asked: wait for it to end, then
            // either someone in this round has read for it, or this caller does.
            while (reading && !round.done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (round.done) {
                return round.answer();
            }
            reading = true;
            waiting = new Round();
        }
        long value = 0;
        RuntimeException failure = null;
        boolean answered = false;
        try {
            value = source.getAsLong();
            answered = true;
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            synchronized (this) {
                round.value = value;
                // An Error passes on to this caller; the others must not wait forever for it.
                round.failure = answered || failure != null ? failure : new IllegalStateException("the read failed");
                round.done = true;
                reading = false;
                notifyAll();
            }
        }
        return round.answer();
    }
}
