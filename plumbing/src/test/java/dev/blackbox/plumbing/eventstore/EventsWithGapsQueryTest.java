package dev.blackbox.plumbing.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read of the next events while a processor's token has gaps, on the embedded database's real schema. */
class EventsWithGapsQueryTest {

    private final EventSchema schema = new JdbcStoreAutoConfiguration().eventSchema();
    private Connection connection;

    @BeforeEach
    void storeWithOneMissingIndex() throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/h2").load().migrate();
        connection = DriverManager.getConnection(url, "sa", "");
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                    event_identifier, payload, payload_type, time_stamp)
                VALUES (?, 'incident', ?, 'Incident', ?, ?, 'NoteAdded', '2026-11-21T12:00:00Z')""")) {
            for (long index = 1; index <= 2_000; index++) {
                if (index == 60) {
                    continue; // a transaction that rolled back: its index is never used
                }
                insert.setLong(1, index);
                insert.setLong(2, index);
                insert.setString(3, "event-" + index);
                insert.setBytes(4, "{}".getBytes(StandardCharsets.UTF_8));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void returnsTheNextBatchAndTheGapsFilledSinceInOrder() throws SQLException {
        List<Long> read = new ArrayList<>();
        try (PreparedStatement statement = JdbcEventStorageAutoConfiguration.readEventDataWithGaps(
                        connection, schema, 100, 5, List.of(50L, 60L, 99L));
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                read.add(rows.getLong("global_index"));
                assertThat(rows.getString("event_identifier")).isEqualTo("event-" + rows.getLong("global_index"));
            }
        }

        assertThat(read).containsExactly(50L, 99L, 101L, 102L, 103L, 104L, 105L);
    }

    @Test
    void seeksByTheGlobalIndexWhereAxonsQueryWalksTheWholeTable() throws SQLException {
        // Axon's own statement for the same read (JdbcEventStorageEngineStatements.readEventDataWithGaps)
        String axons = plan("SELECT " + schema.trackedEventFields() + " FROM domain_event_entry"
                + " WHERE (global_index > ? AND global_index <= ?) OR global_index IN (?,?,?) ORDER BY global_index ASC");
        String ours = plan(JdbcEventStorageAutoConfiguration.eventsWithGaps(schema, 3));

        // H2 names the index it reads and, after a colon, the condition it seeks by; Axon's
        // statement walks the whole primary key in order and tests every row
        assertThat(axons).contains("/* PUBLIC.PRIMARY_KEY").doesNotContainPattern("PRIMARY_KEY_\\d+: ");
        assertThat(ours).containsPattern("PRIMARY_KEY_\\d+: GLOBAL_INDEX > \\?1")
                .containsPattern("PRIMARY_KEY_\\d+: GLOBAL_INDEX IN\\(");
    }

    private String plan(String sql) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            explain.setLong(1, 100);
            explain.setLong(2, 105);
            explain.setLong(3, 50);
            explain.setLong(4, 60);
            explain.setLong(5, 99);
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return plan.getString(1);
            }
        }
    }
}
