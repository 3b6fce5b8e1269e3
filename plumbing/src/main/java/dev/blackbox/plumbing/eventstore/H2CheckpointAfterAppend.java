package dev.blackbox.plumbing.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes the embedded H2 database to its file after every commit that stored events, before the
 * command that stored them is answered.
 *
 * <p>The H2 URL leaves writing to H2's background writer ({@code WRITE_DELAY}), because writing
 * on every commit made each read model's and token's commit rewrite the database's changed pages:
 * in a profiled rebuild, a large share of the read models' CPU. Only
 * the events need to be on file before their answer, and this checkpoint puts them there. An H2
 * write stores the whole database as of that moment, so the file always holds a prefix of the
 * commit history: after a {@code kill -9}, every answered command is there, and a read model may
 * be a moment behind, its token with it, and catches up from the events.
 *
 * <p>The checkpoint runs once per outermost transaction, after its commit: for a group of
 * commands sharing one transaction, once for the group, before any of them is answered.
 *
 * <p>Events are readable from their commit on, a moment before this checkpoint. A reader that
 * must not act on an event a crash could take back waits for a checkpoint that began after it read
 * ({@link EventsOnFile}). Checkpoints are numbered as they begin; a reader's mark is the number of
 * the last one begun when it read.
 */
final class H2CheckpointAfterAppend implements EventsOnFile {

    /**
     * How long a reader waits for a command's checkpoint before writing the file itself. While
     * commands come, theirs follow each other closely, and each extra write would also write the read
     * models' changed pages, which the lazy writing is there to spare.
     */
    private static final Duration COMMANDS_CHECKPOINT_WITHIN = Duration.ofMillis(10);

    private final DataSource dataSource;
    private final boolean h2;
    private long begun;
    private long finished;

    /** Checkpoints after the appends to {@code eventStore} if {@code dataSource} is H2's; other databases write every commit themselves. */
    H2CheckpointAfterAppend(EventBus eventStore, DataSource dataSource) {
        this.dataSource = dataSource;
        this.h2 = isH2(dataSource);
        if (h2) {
            eventStore.subscribe(this::appending);
        }
    }

    private static boolean isH2(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "H2".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not tell which database stores the events", e);
        }
    }

    @Override
    public synchronized long mark() {
        return begun;
    }

    @Override
    public void awaitOnFile(long mark) throws InterruptedException {
        if (!h2) {
            return;
        }
        synchronized (this) {
            long deadline = System.nanoTime() + COMMANDS_CHECKPOINT_WITHIN.toNanos();
            long left;
            while (finished <= mark && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            if (finished > mark) {
                return;
            }
        }
        checkpoint();
    }

    private void appending(List<? extends EventMessage<?>> events) {
        AfterAppendCommit.run(this, this::checkpoint);
    }

    /** Stores everything committed so far to the file; a failure reaches the command, which is then not answered as recorded. */
    private void checkpoint() {
        long number;
        synchronized (this) {
            number = ++begun;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not write the stored events to the database file", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        synchronized (this) {
            finished = Math.max(finished, number);
            notifyAll();
        }
    }
}
