package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.app.AllAtOnce;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import dev.blackbox.events.NoteAdded;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Commands that arrive together are committed together. Refused commands land in the same groups as
 * accepted ones: a command on an unknown incident reads the store before it is refused, a command
 * breaking a rule is refused by a loaded incident. Neither may take an accepted neighbour's fact
 * back with it, and nobody hears "recorded" for a fact that is not in the store.
 */
class GroupCommitEndToEndTest extends EndToEndTest {

    private static final int WRITERS = 16;
    private static final int ROUNDS = 60;
    private static final int INCIDENTS = 6;

    @Autowired
    EventStore eventStore;

    @Test
    void refusedCommandsNeverTakeBackTheAcceptedOnesCommittedWithThem() throws Exception {
        for (int i = 0; i < INCIDENTS; i++) {
            assertThat(client.post("/api/v1/incidents", """
                    {"incidentId":"group-%d","title":"Queue %d is stuck","severity":"SEV2"}""".formatted(i, i),
                    Tokens.RESPONDER).status()).isEqualTo(201);
        }

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AllAtOnce.run(WRITERS, writer -> {
            for (int n = 0; n < ROUNDS; n++) {
                String incident = "group-" + (writer + n) % INCIDENTS;
                String noteId = "w" + writer + "-" + n;
                Answer note = client.post("/api/v1/incidents/" + incident + "/notes",
                        "{\"noteId\":\"" + noteId + "\",\"text\":\"Seen by writer " + writer + "\"}",
                        Tokens.RESPONDER);
                expect(note, 201, unexpected);
                if (note.status() == 201) {
                    accepted.add(incident + "/" + noteId);
                }
                expect(client.post("/api/v1/incidents/ghost-" + writer + "-" + n + "/notes",
                        "{\"noteId\":\"n\",\"text\":\"Nobody opened this incident\"}", Tokens.RESPONDER),
                        404, unexpected);
                expect(client.post("/api/v1/incidents/" + incident + "/hypotheses/never-recorded/rule-out",
                        "{\"evidence\":\"It was never suspected\"}", Tokens.RESPONDER), 404, unexpected);
            }
            return null;
        });

        assertThat(unexpected).isEmpty();
        List<String> recorded = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            String incident = "group-" + i;
            eventStore.readEvents(incident, 0).asStream()
                    .map(EventMessage::getPayload)
                    .filter(NoteAdded.class::isInstance)
                    .map(note -> incident + "/" + ((NoteAdded) note).noteId())
                    .forEach(recorded::add);
        }
        assertThat(accepted).hasSize(WRITERS * ROUNDS);
        assertThat(recorded).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(eventStore.readEvents("ghost-0-0", 0).asStream()).isEmpty();
    }

    private static void expect(Answer answer, int status, ConcurrentLinkedQueue<String> unexpected) {
        if (answer.status() != status) {
            unexpected.add("expected " + status + ", got " + answer.status() + " " + answer.body());
        }
    }
}
