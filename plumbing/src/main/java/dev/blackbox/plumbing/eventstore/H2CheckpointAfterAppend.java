package dev.blackbox.plumbing.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
 */
final class H2CheckpointAfterAppend {

    private final DataSource dataSource;

    /** Checkpoints after the appends to {@code eventStore} if {@code dataSource} is H2's; other databases write every commit themselves. */
    H2CheckpointAfterAppend(EventBus eventStore, DataSource dataSource) {
        this.dataSource = dataSource;
        if (isH2(dataSource)) {
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

    private void appending(List<? extends EventMessage<?>> events) {
        AfterAppendCommit.run(this, this::checkpoint);
    }

    /** Stores everything committed so far to the file; a failure reaches the command, which is then not answered as recorded. */
    private void checkpoint() {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not write the stored events to the database file", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
