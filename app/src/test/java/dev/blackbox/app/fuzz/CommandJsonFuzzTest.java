package dev.blackbox.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blackbox.query.OwnDataDirectory;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Coverage-guided fuzzing of the command endpoints' JSON, through the whole application behind its
 * security filters: whatever a client sends, the answer is never a server error, and a refused
 * request stores nothing. Under {@code verify} a separate surefire execution sets JAZZER_FUZZ, so
 * Jazzer really mutates inputs for a short while; docs/benchmarks.md shows a longer run.
 */
@SpringBootTest(properties = {
        "blackbox.security.tokens[0].name=fuzz-bot",
        "blackbox.security.tokens[0].role=responder",
        "blackbox.security.tokens[0].secret=" + CommandJsonFuzzTest.TOKEN,
        // Axon logs every command on an unknown incident at WARN with a stack trace; at thousands of
        // inputs per second that logging, not the application, would be what runs.
        "logging.level.org.axonframework.modelling.command.AbstractRepository=error"})
@AutoConfigureMockMvc
class CommandJsonFuzzTest extends OwnDataDirectory {

    static final String TOKEN = "fuzz-token-0001";

    /** An incident that exists, with a hypothesis and a corrective action, so inputs reach its rules. */
    private static final String KNOWN = "fuzz-known";

    /**
     * Every command endpoint and the alert routers' receivers: method and path, with {@code {id}} and
     * {@code {sub}} as path variables.
     */
    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(HttpMethod.POST, "/api/v1/incidents"),
            new Endpoint(HttpMethod.POST, "/api/v1/incidents/{id}/acknowledgements"),
            new Endpoint(HttpMethod.POST, "/api/v1/incidents/{id}/escalations"),
            new Endpoint(HttpMethod.POST, "/api/v1/incidents/{id}/hypotheses"),
            new Endpoint(HttpMethod.POST, "/api/v1/incidents/{id}/hypotheses/{sub}/rule-out"),
            new Endpoint(HttpMethod.POST, "/api/v1/incidents/{id}/hypotheses/{sub}/confirm"),
            new Endpoint(HttpMethod.POST, "/api/v1/incidents/{id}/actions"),
            new Endpoint(HttpMethod.POST, "/api/v1/incidents/{id}/impact"),
            new Endpoint(HttpMethod.POST, "/api/v1/incidents/{id}/severity"),
            new Endpoint(HttpMethod.POST, "/api/v1/incidents/{id}/root-cause"),
            new Endpoint(HttpMethod.POST, "/api/v1/incidents/{id}/mitigation"),
            new Endpoint(HttpMethod.POST, "/api/v1/incidents/{id}/resolution"),
            new Endpoint(HttpMethod.POST, "/api/v1/incidents/{id}/reopening"),
            new Endpoint(HttpMethod.POST, "/api/v1/incidents/{id}/corrective-actions"),
            new Endpoint(HttpMethod.POST, "/api/v1/incidents/{id}/corrective-actions/{sub}/completion"),
            new Endpoint(HttpMethod.POST, "/api/v1/incidents/{id}/notes"),
            new Endpoint(HttpMethod.PUT, "/api/v1/incidents/{id}/conclusion"),
            new Endpoint(HttpMethod.POST, "/api/v1/integrations/alertmanager"),
            new Endpoint(HttpMethod.POST, "/api/v1/integrations/grafana"));

    private record Endpoint(HttpMethod method, String path) {
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    private boolean prepared;

    /** Field names the endpoints know, so that generated bodies reach validation and the rules. */
    private static final List<String> FIELDS = List.of("incidentId", "title", "severity", "description", "detectedBy",
            "impactStartedAt", "affectedServices", "userImpactPercent", "drill", "occurredAt", "by", "responder",
            "escalationTarget", "reason", "hypothesisId", "statement", "suspectedComponent", "evidence", "actionId",
            "outcome", "summary", "category", "resolution", "correctiveActionId", "kind", "owner", "dueAt", "noteId",
            "text", "version", "status", "receiver", "groupKey", "alerts", "labels", "annotations", "startsAt",
            "endsAt", "fingerprint", "generatorURL", "externalURL", "groupLabels", "commonLabels",
            "commonAnnotations", "truncatedAlerts", "values", "dashboardURL", "alertname", "service");

    /** Words the fields accept: enum constants and known ids. */
    private static final List<String> WORDS = List.of("SEV1", "SEV2", "SEV3", "SEV4", "NO_EFFECT", "PARTIAL",
            "RESOLVED_ISSUE", "MADE_WORSE", "UNKNOWN", "DATABASE", "CONFIGURATION", "CODE_CHANGE", "IMPROVEMENT",
            "TASK", "h-known", "ca-known", KNOWN, "4", "1", "firing", "resolved", "critical");

    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "30s")
    void refusedInputsStoreNothingAndNothingIsAServerError(FuzzedDataProvider data) throws Exception {
        prepareKnownIncident();
        Endpoint endpoint = ENDPOINTS.get(data.consumeInt(0, ENDPOINTS.size() - 1));
        String incidentId = data.consumeBoolean() ? KNOWN : data.consumeString(40);
        String subId = data.consumeBoolean() ? WORDS.get(data.consumeInt(0, WORDS.size() - 1)) : data.consumeString(40);
        String idempotencyKey = data.consumeBoolean() ? data.consumeString(80) : null;
        // Mostly bodies with the endpoints' field names and fuzzed values, which get past the JSON
        // parser into validation and the incident's rules; sometimes raw bytes, for the parser itself.
        String body = data.consumeInt(0, 3) == 0 ? data.consumeRemainingAsString() : object(data, 0).toString();

        MockHttpServletRequestBuilder request = request(endpoint.method(), endpoint.path(), incidentId, subId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        long before = storedEvents();
        MvcResult result = mvc.perform(request).andReturn();
        int status = result.getResponse().getStatus();

        assertThat(status).as("%s %s %s -> %s", endpoint.method(), endpoint.path(), body,
                result.getResponse().getContentAsString()).isLessThan(500);
        if (status >= 300) {
            assertThat(storedEvents()).as("events stored by a refused %s %s", endpoint.method(), body)
                    .isEqualTo(before);
        }
    }

    private static ObjectNode object(FuzzedDataProvider data, int depth) {
        ObjectNode object = JSON.createObjectNode();
        int fields = data.consumeInt(0, 8);
        for (int i = 0; i < fields && data.remainingBytes() > 0; i++) {
            String name = data.consumeInt(0, 15) == 0 ? data.consumeString(20) : FIELDS.get(data.consumeInt(0, FIELDS.size() - 1));
            object.set(name, value(data, depth));
        }
        return object;
    }

    private static JsonNode value(FuzzedDataProvider data, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (data.consumeInt(0, 8)) {
            case 0:
                return nodes.textNode(WORDS.get(data.consumeInt(0, WORDS.size() - 1)));
            case 1:
                return nodes.numberNode(data.consumeInt());
            case 2:
                return nodes.numberNode(data.consumeLong());
            case 3:
                return nodes.booleanNode(data.consumeBoolean());
            case 4:
                return nodes.nullNode();
            case 5:
                // Any instant Java can write, far past and far future included.
                return nodes.textNode(Instant.ofEpochSecond(data.consumeLong(Instant.MIN.getEpochSecond(),
                        Instant.MAX.getEpochSecond())).toString());
            case 6: {
                ArrayNode array = nodes.arrayNode();
                int items = data.consumeInt(0, 4);
                for (int i = 0; i < items && data.remainingBytes() > 0; i++) {
                    array.add(depth < 2 ? value(data, depth + 1) : nodes.textNode(data.consumeString(30)));
                }
                return array;
            }
            case 7:
                return depth < 2 ? object(data, depth + 1) : nodes.nullNode();
            default:
                return nodes.textNode(data.consumeString(300));
        }
    }

    private long storedEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    private void prepareKnownIncident() throws Exception {
        if (prepared) {
            return;
        }
        send("/api/v1/incidents", """
                {"incidentId":"%s","title":"Fuzzing target","severity":"SEV3"}""".formatted(KNOWN));
        send("/api/v1/incidents/" + KNOWN + "/hypotheses", """
                {"hypothesisId":"h-known","statement":"Inputs break the parser"}""");
        send("/api/v1/incidents/" + KNOWN + "/corrective-actions", """
                {"correctiveActionId":"ca-known","description":"Fuzz every endpoint","kind":"TASK"}""");
        prepared = true;
    }

    private void send(String path, String json) throws Exception {
        int status = mvc.perform(request(HttpMethod.POST, path)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .andReturn().getResponse().getStatus();
        assertThat(status).as("preparing %s", path).isEqualTo(201);
    }
}
