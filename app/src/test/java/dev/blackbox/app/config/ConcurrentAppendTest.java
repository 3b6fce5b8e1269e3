package dev.blackbox.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackbox.query.OwnDataDirectory;
import dev.blackbox.events.NoteAdded;
import java.time.Instant;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Two writers that loaded the same incident both append its next event: the database's unique key
 * refuses the second, and Axon must report that as a conflict the command side retries, not as a
 * storage failure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ConcurrentAppendTest extends OwnDataDirectory {

    @Autowired
    EventStorageEngine storage;

    @Test
    void theSecondWriterOfASequenceNumberGetsAConcurrencyException() {
        storage.appendEvents(note("race-1", 0, "first"), note("race-1", 1, "from writer A"));

        assertThatThrownBy(() -> storage.appendEvents(note("race-1", 1, "from writer B")))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(storage.readEvents("race-1").asStream())
                .extracting(event -> ((NoteAdded) event.getPayload()).text())
                .containsExactly("first", "from writer A");
    }

    @Test
    void theSecondCreatorOfAnIncidentGetsAStreamCreationConflict() {
        storage.appendEvents(note("race-2", 0, "from writer A"));

        assertThatThrownBy(() -> storage.appendEvents(note("race-2", 0, "from writer B")))
                .isInstanceOf(AggregateStreamCreationException.class);
    }

    @Test
    void otherStorageFailuresStayStorageFailures() {
        String tooLong = "x".repeat(300);

        assertThatThrownBy(() -> storage.appendEvents(note(tooLong, 0, "id longer than the column")))
                .isInstanceOf(EventStoreException.class);
    }

    private static GenericDomainEventMessage<NoteAdded> note(String incidentId, long sequence, String text) {
        NoteAdded payload = new NoteAdded(incidentId, Instant.now(), "tester", "n-" + sequence + "-" + text, text);
        return new GenericDomainEventMessage<>("Incident", incidentId, sequence, payload);
    }
}
