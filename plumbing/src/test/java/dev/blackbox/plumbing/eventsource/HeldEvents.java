package dev.blackbox.plumbing.eventsource;

import dev.blackbox.plumbing.eventstore.EmbeddedEventStore;
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
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * The real JDBC engine on a fresh embedded database, and events inserted in transactions of their
 * own that the test commits when it chooses: the database assigns the index at the insert, so a
 * transaction held open makes a gap in the order the test wants.
 */
final class HeldEvents implements AutoCloseable {

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final List<Connection> open = new ArrayList<>();
    private final JdbcEventStorageEngine storage;

    HeldEvents() {
        storage = EmbeddedEventStore.engine(url)
                .readEventDataWithGaps(JdbcEventStorageAutoConfiguration::readEventDataWithGaps)
                .build();
    }

    JdbcEventStorageEngine storage() {
        return storage;
    }

    /** Inserts one event of {@code aggregate} in a transaction of its own that stays open. */
    Connection begin(String aggregate) throws SQLException {
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
        return connection;
    }

    /** Events a, b and c at indexes 1, 2 and 3, a and c committed: b's transaction is returned, open. */
    Connection bHeldBetweenAAndC() throws SQLException {
        commit("a");
        Connection held = begin("b");
        commit("c");
        return held;
    }

    void commit(String aggregate) throws SQLException {
        begin(aggregate).commit();
    }

    /** The aggregates of the events the stream has now, in the order it hands them out. */
    static List<String> drain(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        List<String> read = new ArrayList<>();
        while (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
            read.add(((DomainEventMessage<?>) stream.nextAvailable()).getAggregateIdentifier());
        }
        return read;
    }

    @Override
    public void close() throws SQLException {
        for (Connection connection : open) {
            connection.close();
        }
    }
}
