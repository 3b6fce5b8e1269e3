package dev.blackbox.plumbing.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonServerBusAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Axon's JDBC storage engine, built as Axon's auto-configuration builds it, with two statements
 * replaced: the read of the next events while the stream has gaps, and the insert of appended events,
 * which also answers their global indexes ({@link IndexReturningAppends}).
 *
 * <p>An auto-configuration ordered before Axon's, with the same conditions, so that it steps aside
 * exactly where Axon's would: with the axonserver profile the events live in Axon Server.
 */
@AutoConfiguration(
        after = {DataSourceAutoConfiguration.class, AxonServerBusAutoConfiguration.class, JdbcStoreAutoConfiguration.class},
        before = JdbcAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
public class JdbcEventStorageAutoConfiguration {

    /**
     * Events read per query. Axon's 100 has a processor catching up (a rebuild, a process started behind
     * the store) query, and commit a read transaction, for every 100 events; the read models' processor
     * takes up to 1,000 per batch. An incident's events load in the same batches, a snapshot's worth at
     * most, and reads that find few events cost the same either way.
     */
    static final int READ_BATCH = 1000;

    @Bean
    @ConditionalOnMissingBean({EventStorageEngine.class, EventBus.class, EventStore.class})
    JdbcEventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .readEventDataWithGaps(JdbcEventStorageAutoConfiguration::readEventDataWithGaps)
                .appendEvents(new IndexReturningAppends())
                .batchSize(READ_BATCH)
                .build();
    }

    /**
     * The next batch after {@code globalIndex}, plus the events in the token's gaps that have been
     * committed since. Axon writes this as one {@code WHERE (index > ? AND index <= ?) OR index IN
     * (...)}; H2 cannot use the primary key for that disjunction and scans the whole event table
     * instead. Each processor runs it on every wake-up while any gap is open, which with two
     * command lanes committing out of order is nearly always: profiled under ingest, those scans
     * took most of the server's CPU. Two key lookups joined by {@code UNION ALL} return the same
     * rows (the gaps lie at or below {@code globalIndex}, so the halves never overlap) in the same
     * order.
     */
    public static PreparedStatement readEventDataWithGaps(
            Connection connection, EventSchema schema, long globalIndex, int batchSize, List<Long> gaps)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(eventsWithGaps(schema, gaps.size()));
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }

    static String eventsWithGaps(EventSchema schema, int gaps) {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String index = schema.globalIndexColumn();
        return select + index + " > ? AND " + index + " <= ?"
                + " UNION ALL "
                + select + index + " IN (" + String.join(",", Collections.nCopies(gaps, "?")) + ")"
                + " ORDER BY " + index + " ASC";
    }
}
