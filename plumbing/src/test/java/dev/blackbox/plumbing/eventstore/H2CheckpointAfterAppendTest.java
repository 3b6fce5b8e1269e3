package dev.blackbox.plumbing.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.List;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.SimpleEventBus;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a {@code kill -9} leaves of an H2 database that writes lazily: a copy of its file taken while
 * it is open, which is exactly what the process had written.
 */
class H2CheckpointAfterAppendTest {

    @TempDir
    Path dir;

    private final EventBus eventStore = SimpleEventBus.builder().build();
    private JdbcDataSource dataSource;
    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;

    @BeforeEach
    void lazilyWrittenDatabase() {
        dataSource = new JdbcDataSource();
        // A write delay no test outlasts: only an explicit write reaches the file.
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("live") + ";WRITE_DELAY=3600000;DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE fact (name VARCHAR(40) PRIMARY KEY)");
        jdbc.execute("CHECKPOINT");
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        new H2CheckpointAfterAppend(eventStore, dataSource);
    }

    @Test
    void aTransactionThatStoredEventsIsOnFileWhenItsCommitReturns() throws Exception {
        transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO fact VALUES ('projected earlier')");
        });
        transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO fact VALUES ('stored with an event')");
            eventStore.publish(asEventMessage("appended"));
        });
        transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO fact VALUES ('projected later')");
        });

        // The write stores everything committed until then, so the file holds a prefix of the commits.
        assertThat(factsAfterACrash()).containsExactlyInAnyOrder("projected earlier", "stored with an event");
    }

    @Test
    void aRolledBackTransactionWritesNothing() throws Exception {
        transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO fact VALUES ('stored with an event')");
            eventStore.publish(asEventMessage("appended"));
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO fact VALUES ('projected')");
        });

        assertThat(factsAfterACrash()).isEmpty();
    }

    private List<String> factsAfterACrash() throws SQLException, IOException {
        Files.copy(dir.resolve("live.mv.db"), dir.resolve("crashed.mv.db"), StandardCopyOption.REPLACE_EXISTING);
        JdbcDataSource crashed = new JdbcDataSource();
        crashed.setURL("jdbc:h2:file:" + dir.resolve("crashed"));
        return new JdbcTemplate(crashed).queryForList("SELECT name FROM fact", String.class);
    }
}
