package dev.blackbox.app.e2e;

import static dev.blackbox.app.e2e.CommandApiEndToEndTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Contributing factors over real HTTP: recorded after resolution, withdrawn once, shown everywhere they belong. */
class ContributingFactorsEndToEndTest extends EndToEndTest {

    @Autowired
    EventStore eventStore;

    @Test
    void factorsAreRecordedAfterResolutionWithdrawnOnceAndShownInEveryReadModel() {
        String id = "factors-1";
        client.detect(id, Tokens.RESPONDER);
        client.post("/api/v1/incidents/" + id + "/hypotheses", """
                {"hypothesisId":"h1","statement":"The login surge exhausted the pool"}""", Tokens.RESPONDER);
        client.post("/api/v1/incidents/" + id + "/resolution", "{}", Tokens.RESPONDER);
        String trigger = """
                {"factorId":"f1","description":"A campaign doubled logins","kind":"TRIGGER","category":"CAPACITY",
                 "hypothesisId":"h1"}""";

        Answer identified = client.post("/api/v1/incidents/" + id + "/contributing-factors", trigger, Tokens.RESPONDER);
        Answer retried = client.post("/api/v1/incidents/" + id + "/contributing-factors", trigger, Tokens.RESPONDER);
        Answer risk = client.post("/api/v1/incidents/" + id + "/contributing-factors", """
                {"description":"No <b>read replica</b>","kind":"RISK"}""", Tokens.RESPONDER);
        Answer investigating = client.post("/api/v1/incidents/" + id + "/hypotheses", """
                {"hypothesisId":"h2","statement":"DNS"}""", Tokens.RESPONDER);

        assertThat(identified.status()).as(identified.body()).isEqualTo(201);
        assertThat(identified.json().get("factorId").asText()).isEqualTo("f1");
        assertThat(identified.location()).endsWith("/api/v1/incidents/" + id);
        assertThat(retried.body()).isEqualTo(identified.body());
        assertThat(risk.status()).as(risk.body()).isEqualTo(201);
        String generated = risk.json().get("factorId").asText();
        assertThat(generated).startsWith("cf-");
        assertProblem(investigating, 409);
        assertThat(investigating.json().get("rule").asText()).isEqualTo("incident-resolved");

        Answer withdrawn = client.post("/api/v1/incidents/" + id + "/contributing-factors/" + generated + "/withdrawal",
                """
                {"reason":"We do have a replica"}""", Tokens.RESPONDER);
        Answer again = client.post("/api/v1/incidents/" + id + "/contributing-factors/" + generated + "/withdrawal",
                """
                {"reason":"Said twice"}""", Tokens.RESPONDER);
        Answer unknown = client.post("/api/v1/incidents/" + id + "/contributing-factors/nope/withdrawal", null,
                Tokens.RESPONDER);

        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(202);
        assertProblem(again, 409);
        assertThat(again.json().get("rule").asText()).isEqualTo("contributing-factor-already-withdrawn");
        assertProblem(unknown, 404);
        assertThat(unknown.json().get("rule").asText()).isEqualTo("unknown-contributing-factor");
        assertThat(eventCount(id)).isEqualTo(6);

        JsonNode detail = await("/api/v1/incidents/" + id,
                incident -> incident.path("investigation").path("contributingFactors").size() == 2
                        && incident.path("investigation").path("contributingFactors").get(1).hasNonNull("withdrawnAt"));
        JsonNode factors = detail.path("investigation").path("contributingFactors");
        assertThat(factors.get(0).get("kind").asText()).isEqualTo("TRIGGER");
        assertThat(factors.get(0).get("hypothesisId").asText()).isEqualTo("h1");
        assertThat(factors.get(1).get("withdrawalReason").asText()).isEqualTo("We do have a replica");

        String markdown = awaitPostmortem(id, text -> text.contains("Contributing factors"));
        assertThat(markdown).contains("- **Trigger** (capacity): A campaign doubled logins");
        String html = client.exchange("GET", "/api/v1/incidents/" + id + "/postmortem", null, Tokens.VIEWER,
                Map.of("Accept", "text/html")).body();
        assertThat(html).contains("A campaign doubled logins").doesNotContain("<b>read replica</b>");

        JsonNode timeline = await("/api/v1/incidents/" + id + "/timeline",
                t -> t.path("entries").size() == 6);
        List<String> kinds = new ArrayList<>();
        timeline.path("entries").forEach(entry -> kinds.add(entry.get("kind").asText()));
        assertThat(kinds).contains("CONTRIBUTING_FACTOR_IDENTIFIED", "CONTRIBUTING_FACTOR_WITHDRAWN");

        JsonNode byFactor = await("/api/v1/metrics?groupBy=factorCategory",
                metrics -> metrics.path("groups").size() > 0);
        assertThat(byFactor.path("groups").get(0).get("group").asText()).isEqualTo("CAPACITY");
    }

    @Test
    void aFactorOfAnUnknownKindOrHypothesisIsRefusedAndRecordsNothing() {
        String id = "factors-2";
        client.detect(id, Tokens.RESPONDER);

        Answer badKind = client.post("/api/v1/incidents/" + id + "/contributing-factors", """
                {"description":"A surge","kind":"SURGE"}""", Tokens.RESPONDER);
        Answer noKind = client.post("/api/v1/incidents/" + id + "/contributing-factors", """
                {"description":"A surge"}""", Tokens.RESPONDER);
        Answer noHypothesis = client.post("/api/v1/incidents/" + id + "/contributing-factors", """
                {"description":"A surge","kind":"TRIGGER","hypothesisId":"h9"}""", Tokens.RESPONDER);

        assertProblem(badKind, 400);
        assertProblem(noKind, 400);
        assertProblem(noHypothesis, 404);
        assertThat(noHypothesis.json().get("rule").asText()).isEqualTo("unknown-hypothesis");
        assertThat(eventCount(id)).isEqualTo(1);
    }

    private long eventCount(String incidentId) {
        return eventStore.readEvents(incidentId, 0).asStream().count();
    }
}
