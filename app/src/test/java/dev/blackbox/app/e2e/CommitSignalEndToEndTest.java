package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With the event store's poll interval far longer than the test, read models and the drill saga can
 * only learn of new events from this process's commits: every fact below reaches them through that
 * signal alone.
 */
@TestPropertySource(properties = "blackbox.event-source.poll-interval=1h")
class CommitSignalEndToEndTest extends EndToEndTest {

    private static final String SOURCE = "lb-misconfig-2024-01-24";

    @Test
    void theReadModelsSeeACommandWithoutPolling() {
        client.detect("signal-1", Tokens.RESPONDER);
        client.post("/api/v1/incidents/signal-1/notes", """
                {"noteId":"n-1","text":"Rolled back the deploy"}""", Tokens.RESPONDER);
        client.post("/api/v1/incidents/signal-1/resolution", "{\"resolution\":\"Deploy rolled back\"}",
                Tokens.RESPONDER);

        JsonNode timeline = await("/api/v1/incidents/signal-1/timeline", t -> t.path("entries").size() == 3);
        JsonNode incident = await("/api/v1/incidents/signal-1",
                detail -> detail.path("status").asText().equals("RESOLVED"));

        assertThat(timeline.get("entries").get(1).get("text").asText()).isEqualTo("Note: Rolled back the deploy");
        assertThat(incident.get("title").asText()).isEqualTo("Checkout fails");
    }

    @Test
    void theDrillSagaReplaysAnIncidentWithoutPolling() {
        Scenario source = Scenario.of(SOURCE);
        for (Scenario.Step step : source.steps()) {
            assertThat(client.send(SOURCE, step, Tokens.RESPONDER).status()).isBetween(200, 299);
        }
        await("/api/v1/incidents/" + SOURCE + "/timeline", t -> t.path("entries").size() == source.steps().size());

        JsonNode started = client.post("/api/v1/training/drills",
                "{\"sourceIncidentId\":\"" + SOURCE + "\",\"speed\":\"instant\"}", Tokens.ADMIN).json();

        // The saga hears of the drill from the commit of its start, and replays the 10 facts that
        // come before the answer; the read models hear of each of them the same way.
        await("/api/v1/incidents/" + started.get("incidentId").asText() + "/timeline",
                t -> t.path("entries").size() == 10);
    }
}
