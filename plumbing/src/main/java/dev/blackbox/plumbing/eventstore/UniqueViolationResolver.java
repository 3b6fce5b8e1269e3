package dev.blackbox.plumbing.eventstore;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon when an append failed because another writer stored the same aggregate sequence number
 * first, so that it raises a {@code ConcurrencyException} (retried by the command side) instead of an
 * {@code EventStoreException} (an HTTP 500).
 *
 * <p>Axon's default resolver only recognises {@code SQLIntegrityConstraintViolationException}, which
 * H2 throws but the PostgreSQL driver does not: it reports every error as a {@code PSQLException}
 * carrying the SQL state. Both databases use the standard state {@value #UNIQUE_VIOLATION} for a
 * unique-key violation, wrapped by Spring, Axon or a JDBC batch at any depth, so the whole chain is
 * searched, including the errors a batch attaches with {@link SQLException#getNextException()}.
 *
 * <p>On PostgreSQL a group of commands (see the group-commit command bus) holds its appended rows
 * until its commit, so another process's group appending the same incident's next sequence waits
 * on the unique index, and two such groups can wait on each other. PostgreSQL then aborts one
 * append with a deadlock ({@value #DEADLOCK_DETECTED}), or with {@value #LOCK_NOT_AVAILABLE} once
 * a lock timeout runs out. Either is the same conflict as a duplicate key: the append fails
 * inside its command's savepoint, the rollback to that savepoint clears the aborted statement
 * from the group's transaction, and only that command is retried on a fresh load.
 */
final class UniqueViolationResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";
    static final String DEADLOCK_DETECTED = "40P01";
    static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Set<String> CONFLICTS = Set.of(UNIQUE_VIOLATION, DEADLOCK_DETECTED, LOCK_NOT_AVAILABLE);

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.push(exception);
        while (!pending.isEmpty()) {
            Throwable current = pending.pop();
            if (!seen.add(current)) {
                continue;
            }
            if (current instanceof SQLException sql) {
                if (sql.getSQLState() != null && CONFLICTS.contains(sql.getSQLState())) {
                    return true;
                }
                if (sql.getNextException() != null) {
                    pending.push(sql.getNextException());
                }
            }
            if (current.getCause() != null) {
                pending.push(current.getCause());
            }
        }
        return false;
    }
}
