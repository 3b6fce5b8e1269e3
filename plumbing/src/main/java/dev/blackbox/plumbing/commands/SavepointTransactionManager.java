package dev.blackbox.plumbing.commands;

import javax.annotation.Nonnull;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Gives each command of a group a savepoint in the group's transaction, so that a command refused
 * by a rule, or failing to append, takes back only its own writes. Axon's own Spring transaction
 * manager cannot do this: it completes only transactions it began, which a nested one is not.
 * Outside a group (no transaction yet) the command gets a transaction of its own.
 */
final class SavepointTransactionManager implements TransactionManager {

    private static final TransactionDefinition NESTED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    private final PlatformTransactionManager transactions;

    SavepointTransactionManager(PlatformTransactionManager transactions) {
        this.transactions = transactions;
    }

    @Nonnull
    @Override
    public Transaction startTransaction() {
        TransactionStatus status = transactions.getTransaction(NESTED);
        return new Transaction() {
            @Override
            public void commit() {
                if (!status.isCompleted()) {
                    transactions.commit(status);
                }
            }

            @Override
            public void rollback() {
                if (!status.isCompleted()) {
                    transactions.rollback(status);
                }
            }
        };
    }
}
