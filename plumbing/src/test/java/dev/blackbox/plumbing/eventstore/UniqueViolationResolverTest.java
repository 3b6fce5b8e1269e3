package dev.blackbox.plumbing.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** Which failed appends are conflicts that the command side retries rather than answers with a 500. */
class UniqueViolationResolverTest {

    private final UniqueViolationResolver resolver = new UniqueViolationResolver();

    @Test
    void aDuplicateSequenceADeadlockAndALockTimeoutAreConflictsAtAnyDepth() {
        for (String state : new String[] {"23505", "40P01", "55P03"}) {
            Exception wrapped = new DataIntegrityViolationException("append failed",
                    new IllegalStateException("in Axon", new SQLException("from the driver", state)));
            assertThat(resolver.isDuplicateKeyViolation(wrapped)).as(state).isTrue();
        }
    }

    @Test
    void aConflictAttachedToABatchAsItsNextExceptionIsFound() {
        BatchUpdateException batch = new BatchUpdateException("batch failed", "", new int[0]);
        batch.setNextException(new SQLException("deadlock detected", "40P01"));

        assertThat(resolver.isDuplicateKeyViolation(batch)).isTrue();
    }

    @Test
    void otherDatabaseFailuresAreNotConflicts() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("disk full", "53100"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("connection lost", "08006"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("no state"))).isFalse();
    }
}
