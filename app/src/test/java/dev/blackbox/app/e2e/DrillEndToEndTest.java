package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Trainees work a replayed outage while the answer is held back, then compare their path. */
class DrillEndToEndTest extends EndToEndTest {

    @Autowired
    EventStore eventStore;

    private static final String SOURCE = "lb-misconfig-2024-01-24";

    @BeforeEach
    void recordTheSource() {
        if (client.get("/api/v1/incidents/" + SOURCE, Tokens.VIEWER).status() == 404) {
            Scenario scenario = Scenario.of(SOURCE);
            for (Scenario.Step step : scenario.steps()) {
                assertThat(client.send(SOURCE, step, Tokens.RESPONDER).status()).isBetween(200, 299);
            }
            // A report compares with the source's investigation and time to root cause, which separate
            // processors keep; the detail joins the summary and the investigation.
            await("/api/v1/incidents/" + SOURCE, d -> d.path("correctiveActionCount").asInt() == 4
                    && d.path("investigation").path("rootCause").has("summary"));
            await("/api/v1/incidents/" + SOURCE + "/metrics", m -> m.path("timeToRootCauseSeconds").isNumber());
        }
    }

    /** Similar incidents of a drill would name its source, and with it the answer: refused until the reveal. */
    private void awaitStatus(String path, int status) {
        java.time.Instant deadline = java.time.Instant.now().plus(PROJECTION_PATIENCE);
        Answer answer = client.get(path, Tokens.VIEWER);
        while (answer.status() != status && java.time.Instant.now().isBefore(deadline)) {
            answer = client.get(path, Tokens.VIEWER);
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).doesNotContain(SOURCE);
    }

    @Test
    void anInstantDrillHoldsTheAnswerBackUntilRevealedAndReportsTheRepeatedDeadEnds() {
        Answer started = startDrill("\"instant\"");
        String drillId = started.json().get("drillId").asText();
        String incidentId = started.json().get("incidentId").asText();

        // 17 facts in the source; confirmation, root cause, resolution and 4 corrective actions wait.
        JsonNode timeline = await("/api/v1/incidents/" + incidentId + "/timeline", t -> t.path("entries").size() == 10);
        assertThat(kinds(timeline)).doesNotContain("HYPOTHESIS_CONFIRMED", "ROOT_CAUSE_IDENTIFIED", "RESOLVED");
        assertThat(await("/api/v1/incidents/" + incidentId, d -> d.has("drill")).get("drill").asBoolean()).isTrue();
        awaitStatus("/api/v1/incidents/" + incidentId + "/similar", 409);

        client.post("/api/v1/incidents/" + incidentId + "/hypotheses", """
                {"hypothesisId":"t-db","statement":"The primary database is down","suspectedComponent":"Database"}""",
                Tokens.RESPONDER);
        assertThat(client.post("/api/v1/training/drills/" + drillId + "/reveal", null, Tokens.ADMIN).status())
                .isEqualTo(202);
        JsonNode revealed = await("/api/v1/incidents/" + incidentId, d -> d.path("status").asText().equals("RESOLVED"));
        JsonNode report = await("/api/v1/training/drills/" + drillId + "/report",
                r -> r.path("traineeHypotheses").size() == 1 && !r.path("revealedAt").isNull());

        assertThat(revealed.get("rootCause").asText()).contains("load balancer misconfiguration");
        JsonNode similar = await("/api/v1/incidents/" + incidentId + "/similar", r -> r.path("incidents").size() > 0);
        assertThat(similar.path("incidents").get(0).get("incidentId").asText()).isEqualTo(SOURCE);
        assertThat(report.get("answerFound").asBoolean()).isFalse();
        assertThat(report.get("traineesTimeToAnswerSeconds").isNull()).isTrue();
        assertThat(report.get("originalTimeToRootCauseSeconds").asLong()).isEqualTo(10800);
        assertThat(report.get("misleadingPathsRepeated")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("The database servers are failing", "Slow database queries or missing indexes");
        assertThat(report.get("traineeHypotheses").get(0).get("matchesOriginal")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("h-db-failure", "h-slow-queries");
    }

    @Test
    void aDrillAtSixtyTimesReplaysOnSchedulerDeadlinesAndReleasesTheAnswerToTheRightSuspicion() {
        Answer started = startDrill("60");
        String drillId = started.json().get("drillId").asText();
        String incidentId = started.json().get("incidentId").asText();

        // The acknowledgement came 5 minutes after detection: 5 seconds into a 60x drill.
        JsonNode timeline = await("/api/v1/incidents/" + incidentId + "/timeline",
                t -> kinds(t).contains("ACKNOWLEDGED"));
        client.post("/api/v1/incidents/" + incidentId + "/hypotheses", """
                {"hypothesisId":"t-lb","statement":"The load balancer sends queries to the wrong pool",
                 "suspectedComponent":"load-balancer"}""", Tokens.RESPONDER);
        // The trainees' time needs the drill's detection from the incident summary, another processor.
        JsonNode report = await("/api/v1/training/drills/" + drillId + "/report",
                r -> r.path("answerFound").asBoolean() && r.path("traineesTimeToAnswerSeconds").isNumber());

        assertThat(kinds(timeline).get(0)).isEqualTo("DETECTED");
        assertThat(report.get("speed").asText()).isEqualTo("60");
        assertThat(report.get("originalTimeToRootCauseAtDrillSpeedSeconds").asLong()).isEqualTo(180);
        assertThat(report.get("traineesTimeToAnswerSeconds").asLong()).isLessThan(180);
        assertThat(report.get("misleadingPathsAvoided")).hasSize(2);
    }

    @Test
    void drillsNeverCountInAggregateMetrics() {
        String incidentId = startDrill("\"instant\"").json().get("incidentId").asText();
        // Left out of the aggregates only means something once the metrics read model holds the drill.
        await("/api/v1/incidents/" + incidentId + "/metrics", m -> m.path("incidentId").asText().equals(incidentId));

        JsonNode metrics = client.get("/api/v1/metrics?from=2024-01-24T00:00:00Z", Tokens.VIEWER).json();
        JsonNode everything = client.get("/api/v1/metrics", Tokens.VIEWER).json();

        assertThat(metrics.get("overall").get("count").asInt()).isEqualTo(1);
        assertThat(everything.get("overall").get("count").asInt()).isEqualTo(1);
    }

    @Test
    void badDrillRequestsAreRefused() {
        Answer badSpeed = client.post("/api/v1/training/drills",
                "{\"sourceIncidentId\":\"" + SOURCE + "\",\"speed\":7}", Tokens.ADMIN);
        Answer unknownSource = client.post("/api/v1/training/drills",
                "{\"sourceIncidentId\":\"nothing\",\"speed\":60}", Tokens.ADMIN);
        Answer responder = client.post("/api/v1/training/drills",
                "{\"sourceIncidentId\":\"" + SOURCE + "\",\"speed\":60}", Tokens.RESPONDER);
        Answer unknownReport = client.get("/api/v1/training/drills/drill-nothing/report", Tokens.VIEWER);

        assertThat(badSpeed.status()).isEqualTo(400);
        assertThat(badSpeed.contentType()).startsWith("application/problem+json");
        assertThat(unknownSource.status()).isEqualTo(404);
        assertThat(responder.status()).isEqualTo(403);
        assertThat(unknownReport.status()).isEqualTo(404);
    }

    @Test
    void aDrillsIdIsNoIncidentsAndAnIncidentsIdIsNoDrills() {
        String drillId = startDrill("\"instant\"").json().get("drillId").asText();
        String export = client.get("/api/v1/incidents/" + SOURCE + "/events", Tokens.VIEWER).body();
        long drillEvents = eventStore.readEvents(drillId, 0).asStream().count();

        List<Answer> notFound = List.of(
                client.post("/api/v1/incidents/" + drillId + "/notes", "{\"text\":\"Paged the DBA\"}", Tokens.RESPONDER),
                client.post("/api/v1/incidents/" + drillId + "/resolution", null, Tokens.RESPONDER),
                client.get("/api/v1/incidents/" + drillId, Tokens.VIEWER),
                client.get("/api/v1/incidents/" + drillId + "/timeline?asOf=2030-01-01T00:00:00Z", Tokens.VIEWER),
                client.get("/api/v1/incidents/" + drillId + "/events", Tokens.VIEWER),
                client.post("/api/v1/training/drills", "{\"sourceIncidentId\":\"" + drillId + "\",\"speed\":60}",
                        Tokens.ADMIN),
                client.post("/api/v1/training/drills/" + SOURCE + "/reveal", null, Tokens.ADMIN),
                client.get("/api/v1/training/drills/" + SOURCE + "/report", Tokens.VIEWER));
        Answer detected = client.detect(drillId, Tokens.RESPONDER);
        Answer imported = client.exchange("POST", "/api/v1/incidents/import?incidentId=" + drillId, export,
                Tokens.ADMIN, Map.of("Content-Type", "application/x-ndjson"));

        for (Answer answer : notFound) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        for (Answer answer : List.of(detected, imported)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(409);
            assertThat(answer.json().get("rule").asText()).isEqualTo("id-taken");
        }
        assertThat(eventStore.readEvents(drillId, 0).asStream().count()).isEqualTo(drillEvents);
    }

    @Test
    void aDrillWhoseIdAnIncidentHoldsIsRefused() {
        String key = "drill-for-the-dba-team";
        String drillId = "drill-" + UUID.nameUUIDFromBytes(("operator\n" + key).getBytes(StandardCharsets.UTF_8));
        client.detect(drillId, Tokens.RESPONDER);

        Answer started = client.exchange("POST", "/api/v1/training/drills",
                "{\"sourceIncidentId\":\"" + SOURCE + "\",\"speed\":60}", Tokens.ADMIN, Map.of("Idempotency-Key", key));

        assertThat(started.status()).as(started.body()).isEqualTo(409);
        assertThat(started.json().get("rule").asText()).isEqualTo("id-taken");
        assertThat(eventStore.readEvents(drillId, 0).asStream().count()).isEqualTo(1);
    }

    private Answer startDrill(String speed) {
        Answer started = client.post("/api/v1/training/drills",
                "{\"sourceIncidentId\":\"" + SOURCE + "\",\"speed\":" + speed + "}", Tokens.ADMIN);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return started;
    }

    private static List<String> kinds(JsonNode timeline) {
        List<String> kinds = new ArrayList<>();
        timeline.path("entries").forEach(entry -> kinds.add(entry.get("kind").asText()));
        return kinds;
    }

}
