package dev.blackbox.plumbing.eventstore;

import java.sql.DriverManager;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;

/** Axon's JDBC engine on a fresh embedded database with this module's migrations, for tests to finish building. */
public final class EmbeddedEventStore {

    /** The columns of this module's migrations, as {@code JdbcStoreAutoConfiguration} names them. */
    private static final EventSchema SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry").globalIndexColumn("global_index")
            .timestampColumn("time_stamp").eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier").sequenceNumberColumn("sequence_number")
            .typeColumn("type").payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision")
            .payloadColumn("payload").metaDataColumn("meta_data").build();

    private EmbeddedEventStore() {
    }

    /** Migrates the database at {@code url} and answers an engine on it, each call on a connection of its own. */
    public static JdbcEventStorageEngine.Builder engine(String url) {
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/h2").load().migrate();
        return JdbcEventStorageEngine.builder()
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .connectionProvider(() -> DriverManager.getConnection(url, "sa", ""))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(SCHEMA);
    }
}
