package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.app.e2e.BlackboxClient.Answer;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An incident's history leaves one installation as NDJSON and comes back unchanged. */
class ExportImportEndToEndTest extends EndToEndTest {

    private static final Map<String, String> NDJSON = Map.of("Content-Type", "application/x-ndjson");

    @Autowired
    EventStore eventStore;

    @Test
    void exportImportExportRoundTripsByteForByteApartFromIds() {
        Scenario scenario = recordScenario("load-balancer-misconfiguration");
        String exported = client.get("/api/v1/incidents/" + scenario.incidentId() + "/events", Tokens.VIEWER).body();

        Answer imported = importHistory(exported, "?incidentId=lb-copy", Tokens.ADMIN);
        String reExported = client.get("/api/v1/incidents/lb-copy/events", Tokens.VIEWER).body();

        assertThat(exported.lines()).hasSize(scenario.steps().size());
        assertThat(exported.lines().findFirst().orElseThrow())
                .startsWith("{\"type\":\"IssueDetected\",\"revision\":\"1\",\"sequence\":0,");
        assertThat(imported.status()).isEqualTo(201);
        assertThat(imported.json().get("events").asInt()).isEqualTo(scenario.steps().size());
        assertThat(imported.location()).endsWith("/api/v1/incidents/lb-copy");
        assertThat(reExported).isEqualTo(exported.replace(scenario.incidentId(), "lb-copy"));
    }

    @Test
    void anHistoryIsImportedUnderItsOwnIdIntoAFreshInstallationOnlyOnce() {
        Scenario scenario = recordScenario("connection-leak");
        String exported = client.get("/api/v1/incidents/" + scenario.incidentId() + "/events", Tokens.VIEWER).body();

        Answer again = importHistory(exported, "", Tokens.ADMIN);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("rule").asText()).isEqualTo("incident-already-exists");
    }

    @Test
    void invalidHistoriesAreRejectedWholeAndStoreNothing() {
        Scenario scenario = recordScenario("load-balancer-misconfiguration");
        String exported = client.get("/api/v1/incidents/" + scenario.incidentId() + "/events", Tokens.VIEWER).body();
        String[] lines = exported.split("\n");

        Answer unknownType = importHistory(exported.replace("\"type\":\"IncidentEscalated\"", "\"type\":\"Paged\""),
                "?incidentId=bad-type", Tokens.ADMIN);
        Answer brokenOrder = importHistory(lines[0] + "\n" + lines[2] + "\n" + lines[1] + "\n",
                "?incidentId=bad-order", Tokens.ADMIN);
        Answer unknownRevision = importHistory(exported.replace("\"revision\":\"1\"", "\"revision\":\"7\""),
                "?incidentId=bad-revision", Tokens.ADMIN);
        Answer notJson = importHistory(lines[0] + "\n{oops\n", "?incidentId=bad-json", Tokens.ADMIN);
        Answer brokenRule = importHistory(lines[0] + "\n"
                        + lines[6].replace("\"sequence\":6", "\"sequence\":1") + "\n",
                "?incidentId=bad-rule", Tokens.ADMIN);
        Answer notAdmin = importHistory(exported, "?incidentId=by-responder", Tokens.RESPONDER);

        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.json().get("detail").asText()).contains("line 5").contains("Paged");
        assertThat(brokenOrder.status()).isEqualTo(400);
        assertThat(brokenOrder.json().get("detail").asText()).contains("line 2").contains("out of order");
        assertThat(unknownRevision.status()).isEqualTo(400);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(brokenRule.status()).as(brokenRule.body()).isEqualTo(409);
        assertThat(brokenRule.json().get("rule").asText()).isEqualTo("unknown-hypothesis");
        assertThat(notAdmin.status()).isEqualTo(403);
        for (String id : new String[] {"bad-type", "bad-order", "bad-revision", "bad-json", "bad-rule", "by-responder"}) {
            assertThat(eventStore.readEvents(id, 0).hasNext()).as(id).isFalse();
        }
    }

    @Test
    void exportingAnUnknownIncidentIsNotFound() {
        Answer answer = client.get("/api/v1/incidents/nowhere/events", Tokens.VIEWER);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    private Scenario recordScenario(String name) {
        Scenario scenario = Scenario.all().stream()
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        for (Scenario.Step step : scenario.steps()) {
            assertThat(client.send(scenario.incidentId(), step, Tokens.RESPONDER).status()).isBetween(200, 299);
        }
        return scenario;
    }

    private Answer importHistory(String ndjson, String query, String token) {
        return client.exchange("POST", "/api/v1/incidents/import" + query, ndjson, token, NDJSON);
    }
}
