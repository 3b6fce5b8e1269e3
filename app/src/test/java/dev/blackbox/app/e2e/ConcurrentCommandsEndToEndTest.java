package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.app.AllAtOnce;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Bots retry and swarm: many requests at once on one incident must neither fail nor duplicate. */
class ConcurrentCommandsEndToEndTest extends EndToEndTest {

    private static final int CLIENTS = 32;

    @Autowired
    EventStore eventStore;

    @Test
    void identicalRequestsSentAtOnceRecordOneEvent() throws Exception {

        List<Answer> detections = AllAtOnce.run(CLIENTS, i -> client.post("/api/v1/incidents", """
                {"incidentId":"swarm-1","title":"Payments time out","severity":"SEV1"}""", Tokens.RESPONDER));
        List<Answer> hypotheses = AllAtOnce.run(CLIENTS, i -> client.post(
                "/api/v1/incidents/swarm-1/hypotheses", """
                {"hypothesisId":"h-psp","statement":"The payment provider is down"}""", Tokens.RESPONDER));

        assertThat(detections).extracting(Answer::status).containsOnly(201);
        assertThat(detections).extracting(Answer::body).containsOnly(detections.get(0).body());
        assertThat(hypotheses).extracting(Answer::status).containsOnly(201);
        assertThat(eventStore.readEvents("swarm-1", 0).asStream().count()).isEqualTo(2);
    }

    @Test
    void differentCommandsSentAtOnceAreAllRecorded() throws Exception {
        client.post("/api/v1/incidents", """
                {"incidentId":"swarm-2","title":"Search is slow","severity":"SEV3"}""", Tokens.RESPONDER);

        List<Answer> answers = AllAtOnce.run(CLIENTS, i -> switch (i % 4) {
            case 0 -> client.post("/api/v1/incidents/swarm-2/hypotheses",
                    "{\"hypothesisId\":\"h-" + i + "\",\"statement\":\"Cause " + i + "\"}", Tokens.RESPONDER);
            case 1 -> client.post("/api/v1/incidents/swarm-2/notes",
                    "{\"noteId\":\"n-" + i + "\",\"text\":\"Observation " + i + "\"}", Tokens.RESPONDER);
            case 2 -> client.post("/api/v1/incidents/swarm-2/escalations",
                    "{\"escalationTarget\":\"team-" + i + "\"}", Tokens.RESPONDER);
            default -> client.post("/api/v1/incidents/swarm-2/actions",
                    "{\"actionId\":\"a-" + i + "\",\"description\":\"Step " + i + "\",\"outcome\":\"NO_EFFECT\"}",
                    Tokens.RESPONDER);
        });

        assertThat(answers).extracting(Answer::status).allMatch(status -> status == 201 || status == 202);
        assertThat(eventStore.readEvents("swarm-2", 0).asStream().count()).isEqualTo(1 + CLIENTS);
    }
}
