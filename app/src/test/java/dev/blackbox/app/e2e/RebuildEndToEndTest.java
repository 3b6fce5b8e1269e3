package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Every read model dropped and rebuilt from the event store ends up exactly as it was. The read
 * models' work packages may hold only a few events at a time here, far fewer than the scenarios
 * store, so the rebuild goes on only as the stream hands out more after each batch
 * ({@code QueueBoundedStream}).
 */
@TestPropertySource(properties = "blackbox.event-source.read-model-window=8")
class RebuildEndToEndTest extends EndToEndTest {

    @Test
    void rebuildingEveryReadModelYieldsIdenticalViewsWhileCommandsAreAccepted() {
        List<Scenario> scenarios = Scenario.all();
        for (Scenario scenario : scenarios) {
            for (Scenario.Step step : scenario.steps()) {
                assertThat(client.send(scenario.incidentId(), step, Tokens.RESPONDER).status()).isBetween(200, 299);
            }
        }
        List<String> names = new ArrayList<>();
        client.get("/api/v1/admin/projections", Tokens.ADMIN).json().forEach(p -> names.add(p.get("name").asText()));
        awaitAllDone(names);
        Map<String, JsonNode> before = views(scenarios);

        for (String name : names) {
            Answer replay = client.post("/api/v1/admin/projections/" + name + "/replay", null, Tokens.ADMIN);
            assertThat(replay.status()).as(name + ": " + replay.body()).isEqualTo(202);
        }
        Answer during = client.post("/api/v1/incidents", """
                {"incidentId":"during-rebuild","title":"Cache misses","severity":"SEV4"}""", Tokens.RESPONDER);
        awaitAllDone(names);

        assertThat(names).contains("incident-summary", "timeline", "investigation", "incident-metrics", "postmortem");
        assertThat(during.status()).isEqualTo(201);
        assertThat(views(scenarios)).isEqualTo(before);
        assertThat(client.get("/api/v1/incidents/during-rebuild", Tokens.VIEWER).status()).isEqualTo(200);
    }

    @Test
    void unknownReadModelsAndLowRolesAreRefused() {
        Answer unknown = client.post("/api/v1/admin/projections/nothing/replay", null, Tokens.ADMIN);
        Answer responder = client.post("/api/v1/admin/projections/timeline/replay", null, Tokens.RESPONDER);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(responder.status()).isEqualTo(403);
    }

    /** What a user reads about each incident, minus the moment the postmortem was rendered. */
    private Map<String, JsonNode> views(List<Scenario> scenarios) {
        Map<String, JsonNode> views = new LinkedHashMap<>();
        for (Scenario scenario : scenarios) {
            String base = "/api/v1/incidents/" + scenario.incidentId();
            for (String path : List.of(base, base + "/timeline", base + "/metrics")) {
                views.put(path, client.get(path, Tokens.VIEWER).json());
            }
            ObjectNode postmortem = (ObjectNode) client.exchange("GET", base + "/postmortem", null, Tokens.VIEWER,
                    Map.of("Accept", "application/json")).json();
            postmortem.remove("generatedAt");
            views.put(base + "/postmortem", postmortem);
        }
        views.put("metrics", client.get("/api/v1/metrics?groupBy=severity&to=2025-01-01T00:00:00Z", Tokens.VIEWER).json());
        views.put("list", client.get("/api/v1/incidents?status=RESOLVED&to=2025-01-01T00:00:00Z", Tokens.VIEWER).json());
        return views;
    }

    private void awaitAllDone(List<String> names) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            boolean done = true;
            for (String name : names) {
                JsonNode status = client.get("/api/v1/admin/projections/" + name + "/replay", Tokens.ADMIN).json();
                done &= status.get("state").asText().equals("done")
                        && Objects.equals(status.get("position").asText(), status.get("head").asText());
            }
            if (done) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("read models did not catch up within 60 s");
    }
}
