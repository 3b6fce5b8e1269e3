package dev.blackbox.plumbing.eventstore;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs an action when the transaction that is appending events has physically committed, once per
 * transaction however many commands in it append.
 *
 * <p>The event store calls its subscribers while the appending transaction is still open. The
 * action waits for the commit of the outermost Spring transaction: commands that run in nested
 * transactions (savepoints) of one shared transaction commit, and become readable and durable,
 * only with it, and Spring runs the synchronizations registered inside a nested transaction only
 * then. Axon's own after-commit of a command's unit of work would fire when its savepoint is
 * released, too early. Without a Spring transaction the unit of work's commit is the physical one;
 * outside any unit of work the append has already happened.
 */
public final class AfterAppendCommit {

    private AfterAppendCommit() {
    }

    /** Runs {@code action} after the current transaction commits, unless {@code owner} already asked for it there. */
    public static void run(Object owner, Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // The synchronizations of the current transaction: a suspended outer one's are set aside.
            boolean registered = TransactionSynchronizationManager.getSynchronizations().stream()
                    .anyMatch(synchronization -> synchronization instanceof AfterCommit after && after.owner == owner);
            if (!registered) {
                TransactionSynchronizationManager.registerSynchronization(new AfterCommit(owner, action));
            }
        } else if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }

    private record AfterCommit(Object owner, Runnable action) implements TransactionSynchronization {

        @Override
        public void afterCommit() {
            action.run();
        }
    }
}
