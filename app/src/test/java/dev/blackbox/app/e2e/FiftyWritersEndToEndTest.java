package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.app.AllAtOnce;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import dev.blackbox.events.ActionTaken;
import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.events.NoteAdded;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worst hour of an outage: 50 bots and people write to one incident at once for seconds on end,
 * some of them retrying what they just sent. Each accepted command is recorded exactly once, retries
 * never, and nobody gets a server error.
 */
class FiftyWritersEndToEndTest extends EndToEndTest {

    private static final int WRITERS = 50;
    private static final long WRITING_MILLIS = 4_000;
    private static final String INCIDENT = "fifty-writers";

    /**
     * Snapshots every few events, so that snapshotting happens again and again while all writers wait
     * for the incident: it once deadlocked them on the connection pool.
     */
    @DynamicPropertySource
    static void frequentSnapshots(DynamicPropertyRegistry registry) {
        registry.add("blackbox.snapshots.threshold", () -> "20");
    }

    @Autowired
    EventStore eventStore;

    @Test
    void everyAcceptedCommandIsRecordedOnceAndNoneFails() throws Exception {
        assertThat(client.post("/api/v1/incidents", """
                {"incidentId":"%s","title":"Everything is on fire","severity":"SEV1"}""".formatted(INCIDENT),
                Tokens.RESPONDER).status()).isEqualTo(201);

        // The id of every fact a writer was told is recorded, and every answer that was not 2xx.
        Map<String, Boolean> accepted = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AllAtOnce.run(WRITERS, writer -> {
            long until = System.currentTimeMillis() + WRITING_MILLIS;
            for (int n = 0; System.currentTimeMillis() < until; n++) {
                String id = "w" + writer + "-" + n;
                Request request = Request.of(id, n);
                Answer answer = client.post(request.path(), request.body(), Tokens.RESPONDER);
                // Every fifth command is sent twice, as a bot does when its first answer is late.
                Answer retry = n % 5 == 0 ? client.post(request.path(), request.body(), Tokens.RESPONDER) : answer;
                for (Answer a : List.of(answer, retry)) {
                    if (a.status() / 100 == 2) {
                        accepted.put(id, true);
                    } else {
                        failures.add(a.status() + " " + a.body());
                    }
                }
            }
            return null;
        });

        assertThat(failures).isEmpty();
        Map<String, Long> recorded = eventStore.readEvents(INCIDENT, 0).asStream()
                .skip(1)
                .map(EventMessage::getPayload)
                .map(FiftyWritersEndToEndTest::idOf)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(accepted).hasSizeGreaterThan(WRITERS);
        assertThat(recorded.keySet()).containsExactlyInAnyOrderElementsOf(accepted.keySet());
        assertThat(recorded).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
    }

    /** The three kinds of request the writers mix, each carrying the writer's id for its fact. */
    private record Request(String path, String body) {

        static Request of(String id, int n) {
            return switch (n % 3) {
                case 0 -> new Request("/api/v1/incidents/" + INCIDENT + "/notes",
                        "{\"noteId\":\"" + id + "\",\"text\":\"Seen by " + id + "\"}");
                case 1 -> new Request("/api/v1/incidents/" + INCIDENT + "/hypotheses",
                        "{\"hypothesisId\":\"" + id + "\",\"statement\":\"Cause " + id + "\"}");
                default -> new Request("/api/v1/incidents/" + INCIDENT + "/actions",
                        "{\"actionId\":\"" + id + "\",\"description\":\"Tried " + id + "\",\"outcome\":\"NO_EFFECT\"}");
            };
        }
    }

    private static String idOf(Object event) {
        if (event instanceof NoteAdded note) {
            return note.noteId();
        }
        if (event instanceof HypothesisRecorded hypothesis) {
            return hypothesis.hypothesisId();
        }
        if (event instanceof ActionTaken action) {
            return action.actionId();
        }
        throw new AssertionError("no writer sent " + event);
    }
}
