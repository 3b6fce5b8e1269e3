package dev.blackbox.plumbing.positions;

import dev.blackbox.plumbing.eventstore.JdbcStoreAutoConfiguration;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.AxonServerBusAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How a command's answer finds the position of its events: the JDBC store's global index, which the
 * read models' tokens count in, or, on Axon Server, the head of its event stream.
 */
@AutoConfiguration(after = {AxonAutoConfiguration.class, AxonServerBusAutoConfiguration.class, JdbcAutoConfiguration.class,
        JdbcStoreAutoConfiguration.class})
@ConditionalOnBean(DataSource.class)
public class EventPositionsAutoConfiguration {

    @Bean
    LastAppended lastAppended(EventStore eventStore) {
        return new LastAppended(eventStore);
    }

    @Bean
    EventPositions eventPositions(EventStore eventStore, DataSource dataSource, EventSchema schema) {
        return eventStore instanceof AxonServerEventStore
                ? new HeadOfAxonServer(eventStore)
                : new GlobalIndexes(new JdbcTemplate(dataSource), schema, eventStore);
    }

    /**
     * The exact event, found by its aggregate and sequence number through their unique key. Not the
     * head of the table: identities are handed out before commits, so events commit out of order, and
     * a reader past the head may still wait for an earlier one; one that never commits stays a gap.
     */
    private record GlobalIndexes(JdbcTemplate jdbc, EventSchema schema, EventStore eventStore)
            implements EventPositions {

        @Override
        public long of(String aggregateId, long sequenceNumber) {
            List<Long> index = jdbc.queryForList("SELECT " + schema.globalIndexColumn() + " FROM "
                    + schema.domainEventTable() + " WHERE " + schema.aggregateIdentifierColumn() + " = ? AND "
                    + schema.sequenceNumberColumn() + " = ?", Long.class, aggregateId, sequenceNumber);
            return index.isEmpty() ? 0 : index.get(0);
        }

        @Override
        public long latest(String aggregateId) {
            return eventStore.lastSequenceNumberFor(aggregateId).map(last -> of(aggregateId, last)).orElse(0L);
        }

        @Override
        public long head() {
            return headOf(eventStore);
        }
    }

    /**
     * Axon Server numbers its events without gaps, so its head read after a command covers the
     * command's events; commands answered at the same time share one read of it.
     */
    private static final class HeadOfAxonServer implements EventPositions {

        private final SharedReads head;

        HeadOfAxonServer(EventStore eventStore) {
            this.head = new SharedReads(() -> headOf(eventStore));
        }

        @Override
        public long of(String aggregateId, long sequenceNumber) {
            return head.read();
        }

        @Override
        public long latest(String aggregateId) {
            return head.read();
        }

        @Override
        public long head() {
            return head.read();
        }
    }

    private static long headOf(EventStore eventStore) {
        TrackingToken token = eventStore.createHeadToken();
        return token == null ? 0 : token.position().orElse(0);
    }
}
