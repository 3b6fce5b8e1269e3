package dev.blackbox.plumbing.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.plumbing.eventstore.JdbcEventStorageAutoConfiguration;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stream of the {@link StoredEventSource} on the real JDBC engine and the embedded database: an
 * event whose transaction commits after a later one (a gap in the token) is still read once it
 * commits. Two transactions are held open by hand so that the order is deterministic.
 */
class StoredEventStreamGapTest {

    /** The columns of this module's migrations, as {@code JdbcStoreAutoConfiguration} names them. */
    private final EventSchema schema = EventSchema.builder()
            .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry").globalIndexColumn("global_index")
            .timestampColumn("time_stamp").eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier").sequenceNumberColumn("sequence_number")
            .typeColumn("type").payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision")
            .payloadColumn("payload").metaDataColumn("meta_data").build();
    private final CommitSignal signal = new CommitSignal(SimpleEventBus.builder().build(), Duration.ofHours(1), Duration.ZERO);
    private String url;
    private JdbcEventStorageEngine storage;
    private final List<Connection> open = new ArrayList<>();

    @BeforeEach
    void store() {
        url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/h2").load().migrate();
        ConnectionProvider connections = () -> DriverManager.getConnection(url, "sa", "");
        storage = JdbcEventStorageEngine.builder()
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(schema)
                .readEventDataWithGaps(JdbcEventStorageAutoConfiguration::readEventDataWithGaps)
                .build();
    }

    @AfterEach
    void close() throws SQLException {
        for (Connection connection : open) {
            connection.close();
        }
    }

    @Test
    void anEventCommittedAfterALaterOneIsStillRead() throws Exception {
        commit(begin("a", 0));                          // index 1
        Connection slow = begin("b", 0);                // index 2, not committed yet
        commit(begin("c", 0));                          // index 3
        BlockingStream<TrackedEventMessage<?>> stream = new StoredEventSource(storage, signal)
                .openStream(GapAwareTrackingToken.newInstance(1, List.of()));
        assertThat(drain(stream)).containsExactly("c");

        commit(slow);
        signal.fire();

        assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isTrue();
        TrackedEventMessage<?> late = stream.nextAvailable();
        assertThat(((org.axonframework.eventhandling.DomainEventMessage<?>) late).getAggregateIdentifier()).isEqualTo("b");
        // Its token still counts the highest index read (3), not the event's own index (2):
        // whoever needs the event's place in the store must not take the token's position for it.
        assertThat(late.trackingToken().position()).hasValue(3);
        assertThat(((GapAwareTrackingToken) late.trackingToken()).getGaps()).isEmpty();
        assertThat(drain(stream)).isEmpty();
        stream.close();
    }

    private List<String> drain(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        List<String> read = new ArrayList<>();
        while (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
            read.add(((org.axonframework.eventhandling.DomainEventMessage<?>) stream.nextAvailable()).getAggregateIdentifier());
        }
        return read;
    }

    /** Inserts one event in a transaction of its own that stays open; the database assigns its index. */
    private Connection begin(String aggregate, long sequence) throws SQLException {
        Connection connection = DriverManager.getConnection(url, "sa", "");
        open.add(connection);
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    payload, payload_type, meta_data, time_stamp)
                VALUES (?, ?, 'Incident', ?, ?, 'java.lang.String', ?, ?)""")) {
            insert.setString(1, aggregate);
            insert.setLong(2, sequence);
            insert.setString(3, UUID.randomUUID().toString());
            insert.setBytes(4, ("\"" + aggregate + "\"").getBytes(StandardCharsets.UTF_8));
            insert.setBytes(5, "{}".getBytes(StandardCharsets.UTF_8));
            insert.setString(6, Instant.now().toString());
            insert.executeUpdate();
        }
        return connection;
    }

    private static void commit(Connection connection) throws SQLException {
        connection.commit();
    }
}
