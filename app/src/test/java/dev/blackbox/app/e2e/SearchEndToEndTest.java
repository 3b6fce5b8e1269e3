package dev.blackbox.app.e2e;

import static dev.blackbox.app.e2e.CommandApiEndToEndTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Search and similar incidents over real HTTP, with the tokens and problem documents a user gets. */
class SearchEndToEndTest extends EndToEndTest {

    @Test
    void recordedIncidentsAreFoundAndAnIncidentWrittenDifferentlyFindsItsOriginal() {
        for (Scenario scenario : Scenario.all()) {
            for (Scenario.Step step : scenario.steps()) {
                assertThat(client.send(scenario.incidentId(), step, Tokens.RESPONDER).status()).isBetween(200, 299);
            }
        }
        client.post("/api/v1/incidents", """
                {"incidentId":"eu-payments-again","title":"EU card payments hang at checkout",
                 "description":"Payments from European customers time out","severity":"SEV2",
                 "affectedServices":["checkout","payments-gateway"]}""", Tokens.RESPONDER);
        client.post("/api/v1/incidents/eu-payments-again/hypotheses", """
                {"statement":"Name resolution of the payment endpoint fails","suspectedComponent":"dns"}""",
                Tokens.RESPONDER);

        // The last incident first: once it is found, the index holds everything before it.
        JsonNode similar = await("/api/v1/incidents/eu-payments-again/similar",
                result -> result.path("incidents").size() > 0);
        JsonNode found = await("/api/v1/search?q=" + encode("certificate renewal"),
                result -> result.path("total").asInt() > 0);
        Answer unreadable = client.get("/api/v1/search?q=" + encode("title:("), Tokens.VIEWER);
        Answer missing = client.get("/api/v1/search", Tokens.VIEWER);
        Answer badFilter = client.get("/api/v1/search?q=dns&severity=SEV9", Tokens.VIEWER);

        assertThat(found.path("hits").get(0).get("incidentId").asText()).isEqualTo("cert-expiry-2024-03-09");
        assertThat(found.path("hits").get(0).get("fragments").get(0).asText()).contains("<mark>");
        JsonNode original = similar.path("incidents").get(0);
        assertThat(original.get("incidentId").asText()).isEqualTo("dns-change-2024-05-13");
        assertThat(original.path("sharedBy").path("services").toString()).contains("checkout");
        assertThat(original.path("rootCause").path("summary").asText()).contains("DNS change");
        assertProblem(unreadable, 400);
        assertThat(unreadable.json().get("parameter").asText()).isEqualTo("q");
        assertProblem(missing, 400);
        assertProblem(badFilter, 400);
        assertProblem(client.get("/api/v1/incidents/nope/similar", Tokens.VIEWER), 404);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
