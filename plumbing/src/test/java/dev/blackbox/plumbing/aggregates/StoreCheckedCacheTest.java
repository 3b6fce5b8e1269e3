package dev.blackbox.plumbing.aggregates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A cached incident is used only while the store holds nothing later of it, which costs one query,
 * except for a copy that the same transaction has itself appended to.
 */
class StoreCheckedCacheTest {

    private static final String INCIDENT = "checkout-down";

    /** A real store in memory, watched only to count how often the cache asks it. */
    private final EmbeddedEventStore store = spy(EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build());
    private final StoreCheckedCache cache = new StoreCheckedCache(new LruAggregateCache(10), store);
    private final AggregateModel<Incident> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(Incident.class);
    private final TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(h2()));

    static class Incident {
        @AggregateIdentifier
        String id = INCIDENT;
    }

    @AfterEach
    void stop() {
        store.shutDown();
    }

    @Test
    void aCopyThisTransactionAppendedToIsUsedWithoutAskingTheStoreAgain() {
        transaction.executeWithoutResult(status -> {
            append(0);
            cacheCopyAt(0);
            clearInvocations(store);

            assertThat((Object) cache.get(INCIDENT)).isNotNull();
            assertThat((Object) cache.get(INCIDENT)).isNotNull();
            verify(store, never()).lastSequenceNumberFor(anyString());
        });
    }

    @Test
    void inTheNextTransactionTheStoreIsAskedAgain() {
        transaction.executeWithoutResult(status -> {
            append(0);
            cacheCopyAt(0);
        });
        clearInvocations(store);

        transaction.executeWithoutResult(status -> assertThat((Object) cache.get(INCIDENT)).isNotNull());

        verify(store, times(1)).lastSequenceNumberFor(INCIDENT);
    }

    @Test
    void aCopyThatIsBehindWhatThisTransactionAppendedIsCheckedAndDropped() {
        transaction.executeWithoutResult(status -> {
            append(0);
            append(1);
            cacheCopyAt(0);

            assertThat((Object) cache.get(INCIDENT)).as("the copy misses event 1").isNull();
        });
    }

    @Test
    void aCopyOnlyReadInThisTransactionIsStillCheckedAndAStaleOneDropped() {
        transaction.executeWithoutResult(status -> {
            cacheCopyAt(0);
            // Another process's fact, committed after the copy was made.
            store.publish(new GenericDomainEventMessage<>("Incident", INCIDENT, 0, "detected"));
            store.publish(new GenericDomainEventMessage<>("Incident", INCIDENT, 1, "escalated elsewhere"));

            assertThat((Object) cache.get(INCIDENT)).isNull();
        });
    }

    /** One command's unit of work appending event {@code sequence}, as a group commit runs it. */
    private void append(long sequence) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        store.publish(new GenericDomainEventMessage<>("Incident", INCIDENT, sequence, "note " + sequence));
        unitOfWork.commit();
    }

    private void cacheCopyAt(long sequence) {
        EventSourcedAggregate<Incident> copy = EventSourcedAggregate.reconstruct(new Incident(), model, sequence, false,
                store, NoSnapshotTriggerDefinition.TRIGGER);
        cache.put(INCIDENT, new AggregateCacheEntry<>(copy));
    }

    private static JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:store-checked-cache;DB_CLOSE_DELAY=-1");
        return dataSource;
    }
}
