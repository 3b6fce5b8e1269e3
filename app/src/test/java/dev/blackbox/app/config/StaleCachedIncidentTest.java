package dev.blackbox.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.blackbox.query.OwnDataDirectory;
import dev.blackbox.command.incident.AddNote;
import dev.blackbox.command.incident.DetectIssue;
import dev.blackbox.command.web.IncidentCommandSender;
import dev.blackbox.events.NoteAdded;
import dev.blackbox.events.Severity;
import java.time.Instant;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The incident cache where commands run one at a time, not in groups, as on the axonserver profile:
 * when another process appended to a cached incident (Axon Server routed the incident elsewhere for
 * a while), the stale copy's append is refused by the store's sequence check, the copy is dropped
 * and the command runs again on the stored state, instead of failing or overwriting the other
 * process's fact.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"blackbox.group-commit.enabled=false", "blackbox.incident-cache.max-incidents=100"})
// Settings no other test shares: closed after the class, before its data directory is deleted.
@DirtiesContext
class StaleCachedIncidentTest extends OwnDataDirectory {

    @Autowired
    IncidentCommandSender sender;

    @Autowired
    EventStorageEngine storage;

    @Autowired
    @Qualifier("incidentCache")
    Cache incidentCache;

    @Test
    void aCommandOnAStaleCachedIncidentIsRetriedOnTheStoredState() {
        String id = "stale-cache-1";
        sender.send(new DetectIssue(id, Instant.now(), "alice", "Checkout errors", null, Severity.SEV2, null, null,
                null, null, false), null);
        assertThat(incidentCache.containsKey(id)).isTrue();

        storage.appendEvents(new GenericDomainEventMessage<>("Incident", id, 1,
                new NoteAdded(id, Instant.now(), "bob", "from-elsewhere", "Written by another process")));
        sender.send(new AddNote(id, Instant.now(), "alice", "from-here", "Written here", null), null);

        assertThat(storage.readEvents(id).asStream())
                .extracting(DomainEventMessage::getSequenceNumber, event -> event.getPayload() instanceof NoteAdded note
                        ? note.noteId() : event.getPayloadType().getSimpleName())
                .containsExactly(
                        tuple(0L, "IssueDetected"),
                        tuple(1L, "from-elsewhere"),
                        tuple(2L, "from-here"));
    }
}
