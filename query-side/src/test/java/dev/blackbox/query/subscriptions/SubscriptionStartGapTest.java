package dev.blackbox.query.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.plumbing.eventstore.JdbcEventStorageAutoConfiguration;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A subscription that starts now or is replayed from a position must not skip an event whose
 * transaction took an index below its start and commits later: the start token has such indexes as
 * gaps, as a reader that had come along the store would. On the real JDBC engine and the embedded
 * database, with the transaction held open by hand so that the order is deterministic.
 */
class SubscriptionStartGapTest {

    /** The columns of the migrations, as {@code JdbcStoreAutoConfiguration} names them. */
    private final EventSchema schema = EventSchema.builder()
            .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry").globalIndexColumn("global_index")
            .timestampColumn("time_stamp").eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier").sequenceNumberColumn("sequence_number")
            .typeColumn("type").payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision")
            .payloadColumn("payload").metaDataColumn("meta_data").build();
    private final List<Connection> open = new ArrayList<>();
    private String url;
    private EmbeddedEventStore store;
    private SubscriptionTokens tokens;

    @BeforeEach
    void store() {
        url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/h2").load().migrate();
        JdbcEventStorageEngine storage = JdbcEventStorageEngine.builder()
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .connectionProvider(() -> DriverManager.getConnection(url, "sa", ""))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(schema)
                .readEventDataWithGaps(JdbcEventStorageAutoConfiguration::readEventDataWithGaps)
                .build();
        store = EmbeddedEventStore.builder().storageEngine(storage).build();
        tokens = new SubscriptionTokens(store, JacksonSerializer.defaultSerializer());
    }

    @AfterEach
    void close() throws SQLException {
        store.shutDown();
        for (Connection connection : open) {
            connection.close();
        }
    }

    @Test
    void startingNowReadsAnEventCommittedBelowTheHeadLater() throws Exception {
        begin("a", true);                     // index 1
        Connection slow = begin("b", false);  // index 2, not committed yet
        begin("c", true);                     // index 3
        TrackingToken start = tokens.head();
        assertThat(start.position()).hasValue(3);

        slow.commit();

        assertThat(read(start)).containsExactly("b");
    }

    @Test
    void aReplayFromAPositionReadsAnEventCommittedBelowItLater() throws Exception {
        begin("a", true);                     // index 1
        Connection slow = begin("b", false);  // index 2, not committed yet
        begin("c", true);                     // index 3
        begin("d", true);                     // index 4
        TrackingToken fromFour = tokens.before(4);

        slow.commit();

        assertThat(read(fromFour)).containsExactly("b", "d");
    }

    @Test
    void eventsCommittedBeforeTheStartAreNotReadAgain() throws Exception {
        begin("a", true);
        Connection rolledBack = begin("b", false);
        begin("c", true);
        rolledBack.rollback();
        begin("d", true);

        assertThat(read(tokens.head())).isEmpty();
        assertThat(read(tokens.before(3))).containsExactly("c", "d");
    }

    private List<String> read(TrackingToken from) throws InterruptedException {
        List<String> read = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(from)) {
            while (stream.hasNextAvailable(300, TimeUnit.MILLISECONDS)) {
                read.add(((DomainEventMessage<?>) stream.nextAvailable()).getAggregateIdentifier());
            }
        }
        return read;
    }

    /** Inserts one event in a transaction of its own; the database assigns its index. */
    private Connection begin(String aggregate, boolean commit) throws SQLException {
        Connection connection = DriverManager.getConnection(url, "sa", "");
        open.add(connection);
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    payload, payload_type, meta_data, time_stamp)
                VALUES (?, 0, 'Incident', ?, ?, 'java.lang.String', ?, ?)""")) {
            insert.setString(1, aggregate);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setBytes(3, ("\"" + aggregate + "\"").getBytes(StandardCharsets.UTF_8));
            insert.setBytes(4, "{}".getBytes(StandardCharsets.UTF_8));
            insert.setString(5, Instant.now().toString());
            insert.executeUpdate();
        }
        if (commit) {
            connection.commit();
        }
        return connection;
    }
}
