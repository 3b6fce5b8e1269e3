package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives every scenario over real HTTP and reads back what the read side made of it: status,
 * metrics, timeline and the generated postmortem in each format.
 */
class ReadSideEndToEndTest extends EndToEndTest {

    private static final List<String> SECTIONS = List.of("## Issue Summary", "## Timeline",
            "## Misleading investigation paths", "## Escalations", "## Root Cause and Resolution",
            "## Corrective and Preventative Measures", "## Metrics");

    static List<Scenario> scenarios() {
        return Scenario.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aScenarioYieldsItsExpectedStatusMetricsAndPostmortem(Scenario scenario) {
        String id = scenario.incidentId();
        for (Scenario.Step step : scenario.steps()) {
            assertThat(client.send(id, step, Tokens.RESPONDER).status()).as(step.command()).isBetween(200, 299);
        }
        awaitTimeline(id, scenario.steps().size());

        JsonNode incident = await("/api/v1/incidents/" + id,
                detail -> detail.path("status").asText().equals(scenario.expect().get("status").asText()));
        // Some figures match early (a resolution reopened later, a count reached before the last fact).
        JsonNode metrics = await("/api/v1/incidents/" + id + "/metrics",
                m -> showsEvery(m, scenario.expect().get("metrics")));
        String markdown = awaitPostmortemMentioning(id, scenario.expect().get("postmortemMentions"));

        assertThat(incident.get("status").asText()).isEqualTo(scenario.expect().get("status").asText());
        scenario.expect().get("metrics").fields().forEachRemaining(expected ->
                assertThat(metrics.get(expected.getKey())).as(expected.getKey()).isEqualTo(expected.getValue()));
        for (JsonNode mention : scenario.expect().get("postmortemMentions")) {
            assertThat(markdown).as("mentions %s", mention).contains(mention.asText());
        }
        assertThat(markdown).containsSubsequence(SECTIONS);
    }

    @Test
    void thePostmortemComesInMarkdownJsonAndEscapedHtml() {
        client.post("/api/v1/incidents", """
                {"incidentId":"xss-1","title":"<script>alert('pwned')</script> checkout","severity":"SEV2",
                 "occurredAt":"2024-05-01T10:00:00Z"}""", Tokens.RESPONDER);
        client.post("/api/v1/incidents/xss-1/resolution",
                "{\"resolution\":\"<img src=x onerror=alert(1)>\",\"occurredAt\":\"2024-05-01T10:45:00Z\"}",
                Tokens.RESPONDER);
        awaitTimeline("xss-1", 2);
        // The postmortem also reads the incident summary, which another processor keeps.
        await("/api/v1/incidents/xss-1", incident -> incident.path("status").asText().equals("RESOLVED"));

        Answer markdown = client.get("/api/v1/incidents/xss-1/postmortem", Tokens.VIEWER);
        Answer json = client.exchange("GET", "/api/v1/incidents/xss-1/postmortem", null, Tokens.VIEWER,
                Map.of("Accept", "application/json"));
        Answer html = client.exchange("GET", "/api/v1/incidents/xss-1/postmortem", null, Tokens.VIEWER,
                Map.of("Accept", "text/html"));
        Answer pdf = client.exchange("GET", "/api/v1/incidents/xss-1/postmortem", null, Tokens.VIEWER,
                Map.of("Accept", "application/pdf"));

        assertThat(markdown.contentType()).startsWith("text/markdown");
        assertThat(markdown.body()).contains("45 minutes");
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(json.body()).contains("45 minutes");
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.body()).doesNotContain("<script>alert").doesNotContain("<img src=x")
                .contains("&lt;script&gt;").contains("<svg");
        assertThat(pdf.status()).isEqualTo(406);
    }

    @Test
    void aggregateMetricsAndTheIncidentListAnswerFiltersAndRefuseBadOnes() {
        client.post("/api/v1/incidents", """
                {"incidentId":"agg-1","title":"Search is slow","severity":"SEV3","affectedServices":["search"],
                 "occurredAt":"2024-06-01T10:00:00Z"}""", Tokens.RESPONDER);
        client.post("/api/v1/incidents/agg-1/resolution", "{\"occurredAt\":\"2024-06-01T11:00:00Z\"}", Tokens.RESPONDER);
        awaitTimeline("agg-1", 2);

        // The incident counts from its detection on; its time to resolve only once the resolution is in too.
        JsonNode metrics = await("/api/v1/metrics?from=2024-06-01T00:00:00Z&to=2024-06-02T00:00:00Z&groupBy=service",
                m -> m.path("overall").path("count").asInt() == 1
                        && m.path("overall").path("timeToResolveSeconds").path("samples").asInt() == 1);
        JsonNode list = await("/api/v1/incidents?service=search&status=RESOLVED", l -> l.path("total").asInt() == 1);

        assertThat(metrics.get("overall").get("timeToResolveSeconds").get("max").asLong()).isEqualTo(3600);
        assertThat(list.get("incidents").get(0).get("incidentId").asText()).isEqualTo("agg-1");
        assertThat(client.get("/api/v1/incidents?severity=SEV9", Tokens.VIEWER).status()).isEqualTo(400);
        assertThat(client.get("/api/v1/metrics?groupBy=colour", Tokens.VIEWER).status()).isEqualTo(400);
        assertThat(client.get("/api/v1/incidents/none/timeline", Tokens.VIEWER).contentType())
                .startsWith("application/problem+json");
        assertThat(client.get("/api/v1/incidents/none/postmortem", Tokens.VIEWER).status()).isEqualTo(404);
    }

    /** The postmortem joins read models kept by separate processors, so it may lag behind the others. */
    private String awaitPostmortemMentioning(String incidentId, JsonNode mentions) {
        return awaitPostmortem(incidentId, markdown -> {
            for (JsonNode mention : mentions) {
                if (!markdown.contains(mention.asText())) {
                    return false;
                }
            }
            return true;
        });
    }

    private void awaitTimeline(String incidentId, int entries) {
        await("/api/v1/incidents/" + incidentId + "/timeline", t -> t.path("entries").size() >= entries);
    }

    private static boolean showsEvery(JsonNode metrics, JsonNode expected) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().equals(metrics.get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
