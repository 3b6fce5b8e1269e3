package dev.blackbox.plumbing.commands;

import java.util.Optional;

/**
 * What the sender of a command needs to know of its failure, as data: through Axon Server only a
 * {@code CommandExecutionException}'s message and details travel, never the exception's type. The
 * application says which failures carry details; a command bus runs here only where it does.
 */
@FunctionalInterface
public interface FailureDetails {

    /** The details of {@code failure}, if it is one a sender or a retry can act on. */
    Optional<?> of(Throwable failure);
}
