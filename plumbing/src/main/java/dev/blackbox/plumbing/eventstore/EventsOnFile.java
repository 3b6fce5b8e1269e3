package dev.blackbox.plumbing.eventstore;

/**
 * Whether the events a reader has seen are on file, so that a {@code kill -9} cannot take them
 * back. A reader that acts outside Blackbox on what it reads (a subscription sending a webhook) asks
 * before it acts: on the embedded H2 store a commit is readable before it is written to the file, and
 * an event lost in that moment would have its place in the incident taken by another with a new id.
 *
 * <p>A reader takes a {@link #mark()} right after it read, and {@link #awaitOnFile(long) waits} on it
 * before it acts on what it read.
 */
public interface EventsOnFile {

    /** For stores that write every commit before it returns (PostgreSQL, Axon Server): nothing to wait for. */
    EventsOnFile WRITTEN_ON_COMMIT = new EventsOnFile() {
        @Override
        public long mark() {
            return 0;
        }

        @Override
        public void awaitOnFile(long mark) {
        }
    };

    /** Taken right after reading: everything readable when it was taken is on file once {@link #awaitOnFile} returns. */
    long mark();

    /** Returns once everything that was readable when {@code mark} was taken is on file, writing it there if need be. */
    void awaitOnFile(long mark) throws InterruptedException;
}
