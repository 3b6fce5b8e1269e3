package dev.blackbox.plumbing.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Appends through Axon's JDBC engine on a fresh embedded database: the indexes the insert answers are
 * the ones the events are stored at, and a duplicate sequence number is still Axon's conflict.
 */
class IndexReturningAppendsTest {

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final JdbcEventStorageEngine storage;

    IndexReturningAppendsTest() {
        storage = EmbeddedEventStore.engine(url)
                .persistenceExceptionResolver(new UniqueViolationResolver())
                .appendEvents(new IndexReturningAppends())
                .build();
    }

    @Test
    void eachAppendedEventIsAnsweredWithTheIndexItIsStoredAt() {
        List<DomainEventMessage<?>> first = List.of(event("a", 0), event("a", 1));
        List<DomainEventMessage<?>> second = List.of(event("b", 0), event("a", 2), event("b", 1));

        Map<String, OptionalLong> answered = appendInAUnitOfWork(first);
        answered.putAll(appendInAUnitOfWork(second));

        Map<String, OptionalLong> stored = new JdbcTemplate(new DriverManagerDataSource(url, "sa", "")).query(
                        "SELECT event_identifier, global_index FROM domain_event_entry", (row, n) -> Map.entry(
                                row.getString(1), OptionalLong.of(row.getLong(2))))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(answered).hasSize(5).isEqualTo(stored);
    }

    @Test
    void aSequenceNumberTakenAlreadyIsStillAConflict() {
        appendInAUnitOfWork(List.of(event("a", 0), event("a", 1)));

        assertThatThrownBy(() -> appendInAUnitOfWork(List.of(event("a", 1))))
                .isInstanceOf(ConcurrencyException.class);
    }

    @Test
    void anAppendOutsideAUnitOfWorkIsStoredAndAnswersNothing() {
        DomainEventMessage<?> event = event("a", 0);

        storage.appendEvents(event);

        assertThat(storage.readEvents("a").asStream()).extracting(DomainEventMessage::getIdentifier)
                .containsExactly(event.getIdentifier());
        assertThat(IndexReturningAppends.globalIndexOf(event)).isEmpty();
    }

    /** Appends the events as a command's unit of work does, and what the store answered for each. */
    private Map<String, OptionalLong> appendInAUnitOfWork(List<DomainEventMessage<?>> events) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            storage.appendEvents(events);
            return new HashMap<>(events.stream().collect(Collectors.toMap(DomainEventMessage::getIdentifier,
                    IndexReturningAppends::globalIndexOf)));
        } finally {
            unitOfWork.rollback();
        }
    }

    private static DomainEventMessage<?> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Incident", aggregate, sequence, aggregate + "-" + sequence);
    }
}
