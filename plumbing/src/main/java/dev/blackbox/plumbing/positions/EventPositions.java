package dev.blackbox.plumbing.positions;

/**
 * Positions in the event store, as the read models' tracking tokens count them. A command's answer
 * carries one ({@code Blackbox-Position}), and a read that asks for it waits until the read models
 * have processed it. The store decides how it is found, so the application provides this.
 */
public interface EventPositions {

    /** The response header that carries a command's position. */
    String HEADER = "Blackbox-Position";

    /** The position of the committed event {@code sequenceNumber} of {@code aggregateId}, or a later one. */
    long of(String aggregateId, long sequenceNumber);

    /** A position at or after every committed event of {@code aggregateId}; 0 when it has none. */
    long latest(String aggregateId);

    /**
     * The position of the store's last event, 0 when it has none. A command is answered only after its
     * events are committed, so no answer of this store named a later position.
     */
    long head();
}
