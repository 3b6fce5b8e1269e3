package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PagerDuty's webhooks, written as PagerDuty sends them (v3) and signed with a subscription's signing
 * secret, delivered over real HTTP without a token: what each event records, and how Blackbox answers
 * the deliveries it cannot use.
 */
class PagerDutyWebhookEndToEndTest extends EndToEndTest {

    private static final String PATH = "/api/v1/integrations/pagerduty";
    private static final String SECRET = "ZnQ5cWtxd2p5b3Bod2V0c2VjcmV0LWZvci10ZXN0cw";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @DynamicPropertySource
    static void pagerDutySettings(DynamicPropertyRegistry registry) {
        registry.add("blackbox.integrations.pagerduty.signing-secrets[0]", () -> "a-secret-being-rotated-out");
        registry.add("blackbox.integrations.pagerduty.signing-secrets[1]", () -> SECRET);
    }

    @Autowired
    EventStore eventStore;

    private static String user(String id, String name) {
        return """
                {"html_url":"https://acme.pagerduty.com/users/%1$s","id":"%1$s",
                 "self":"https://api.pagerduty.com/users/%1$s","summary":"%2$s","type":"user_reference"}"""
                .formatted(id, name);
    }

    private static String priority(String name) {
        return """
                {"html_url":"https://acme.pagerduty.com/account/incident_priorities","id":"PSO75B%1$s",
                 "self":"https://api.pagerduty.com/priorities/PSO75B%1$s","summary":"%1$s","type":"priority_reference"}"""
                .formatted(name);
    }

    /** A PagerDuty incident as the events' {@code data} carries it. */
    private static String incident(String id, String status, Instant createdAt, String priority, String... assignees) {
        return """
                {"id":"%1$s","type":"incident","self":"https://api.pagerduty.com/incidents/%1$s",
                 "html_url":"https://acme.pagerduty.com/incidents/%1$s","number":1234,"status":"%2$s",
                 "incident_key":"d3640fbd41094207a1c11e58e46b1662","created_at":"%3$s",
                 "title":"Checkout returns 502 for EU customers",
                 "service":{"html_url":"https://acme.pagerduty.com/services/PF9KMXH","id":"PF9KMXH",
                  "self":"https://api.pagerduty.com/services/PF9KMXH","summary":"Checkout API","type":"service_reference"},
                 "assignees":[%4$s],
                 "escalation_policy":{"html_url":"https://acme.pagerduty.com/escalation_policies/PUS0KTE","id":"PUS0KTE",
                  "self":"https://api.pagerduty.com/escalation_policies/PUS0KTE","summary":"Checkout on-call",
                  "type":"escalation_policy_reference"},
                 "teams":[],"priority":%5$s,"urgency":"high","conference_bridge":null,"resolve_reason":null}"""
                .formatted(id, status, createdAt, String.join(",", assignees), priority);
    }

    private static String note(String incidentId, String content) {
        return """
                {"incident":{"html_url":"https://acme.pagerduty.com/incidents/%1$s","id":"%1$s",
                  "self":"https://api.pagerduty.com/incidents/%1$s","summary":"[#1234] Checkout returns 502 for EU customers",
                  "type":"incident_reference"},
                 "id":"P7CBU6R","content":"%2$s","trimmed":false,"type":"incident_note"}""".formatted(incidentId, content);
    }

    private static String event(String type, Instant occurredAt, String agent, String data) {
        return """
                {"event":{"id":"%s","event_type":"%s","resource_type":"incident","occurred_at":"%s",
                 "agent":%s,"client":null,"data":%s}}"""
                .formatted(UUID.randomUUID(), type, occurredAt, agent, data);
    }

    private static String signature(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer deliver(String body) {
        return deliver(body, signature(SECRET, body));
    }

    private Answer deliver(String body, String signature) {
        return client.exchange("POST", PATH, body, null,
                signature == null ? Map.of() : Map.of("X-PagerDuty-Signature", signature));
    }

    private long eventCount(String incidentId) {
        return eventStore.readEvents(incidentId, 0).asStream().count();
    }

    private List<JsonNode> timeline(String incidentId, int entries) {
        JsonNode timeline = await("/api/v1/incidents/" + incidentId + "/timeline",
                json -> json.get("entries").size() >= entries);
        return StreamSupport.stream(timeline.get("entries").spliterator(), false).toList();
    }

    @Test
    void anIncidentFromTriggerToReopeningIsRecordedAsPagerDutySawIt() {
        Instant triggeredAt = NOW.minus(Duration.ofMinutes(60));
        String alice = user("PALICE1", "Alice Example");
        String bob = user("PBOB001", "Bob Example");
        String triggered = event("incident.triggered", triggeredAt, "null",
                incident("PCHK001", "triggered", triggeredAt, priority("P1"), alice));

        Answer detected = deliver(triggered);

        assertThat(detected.status()).as(detected.body()).isEqualTo(202);
        assertThat(detected.json().get("incidentId").asText()).isEqualTo("pd-PCHK001");
        assertThat(detected.location()).endsWith("/api/v1/incidents/pd-PCHK001");
        JsonNode incident = await("/api/v1/incidents/pd-PCHK001", json -> json.has("title"));
        assertThat(incident.get("title").asText()).isEqualTo("Checkout returns 502 for EU customers");
        assertThat(incident.get("severity").asText()).isEqualTo("SEV1");
        assertThat(incident.get("affectedServices")).extracting(JsonNode::asText).containsExactly("Checkout API");
        assertThat(incident.get("detectedBy").asText()).isEqualTo("pagerduty");
        assertThat(Instant.parse(incident.get("detectedAt").asText())).isEqualTo(triggeredAt);

        List<Answer> answers = List.of(
                deliver(event("incident.acknowledged", triggeredAt.plus(Duration.ofMinutes(2)), alice,
                        incident("PCHK001", "acknowledged", triggeredAt, priority("P1"), alice))),
                deliver(event("incident.annotated", triggeredAt.plus(Duration.ofMinutes(3)), alice,
                        note("PCHK001", "502s started with the 14:00 deploy of checkout-web"))),
                deliver(event("incident.priority_updated", triggeredAt.plus(Duration.ofMinutes(5)), alice,
                        incident("PCHK001", "acknowledged", triggeredAt, priority("P2"), alice))),
                deliver(event("incident.escalated", triggeredAt.plus(Duration.ofMinutes(6)), "null",
                        incident("PCHK001", "triggered", triggeredAt, priority("P2"), bob))),
                deliver(event("incident.resolved", triggeredAt.plus(Duration.ofMinutes(20)), bob,
                        incident("PCHK001", "resolved", triggeredAt, priority("P2"), bob))),
                deliver(event("incident.reopened", triggeredAt.plus(Duration.ofMinutes(25)), alice,
                        incident("PCHK001", "triggered", triggeredAt, priority("P2"), bob))));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(202));
        List<JsonNode> entries = timeline("pd-PCHK001", 7);
        assertThat(entries).extracting(entry -> entry.get("kind").asText()).containsExactly("DETECTED",
                "ACKNOWLEDGED", "NOTE_ADDED", "SEVERITY_CHANGED", "ESCALATED", "RESOLVED", "REOPENED");
        assertThat(entries.get(1).get("text").asText()).isEqualTo("Acknowledged by Alice Example");
        assertThat(Instant.parse(entries.get(1).get("occurredAt").asText()))
                .isEqualTo(triggeredAt.plus(Duration.ofMinutes(2)));
        assertThat(entries.get(2).get("text").asText()).contains("502s started with the 14:00 deploy of checkout-web");
        assertThat(entries.get(3).get("text").asText()).contains("from SEV1 to SEV2").contains("Priority set to P2");
        assertThat(entries.get(4).get("text").asText()).contains("Escalated to Bob Example");
        assertThat(await("/api/v1/incidents/pd-PCHK001", json -> json.get("status").asText().equals("OPEN"))
                .get("severity").asText()).isEqualTo("SEV2");
    }

    @Test
    void aRedeliveredEventGetsTheSameAnswerAndRecordsNothingAgain() {
        Instant at = NOW.minus(Duration.ofMinutes(30));
        String triggered = event("incident.triggered", at, "null", incident("PDUP001", "triggered", at, "null"));
        String acknowledged = event("incident.acknowledged", at.plusSeconds(60), user("PALICE1", "Alice Example"),
                incident("PDUP001", "acknowledged", at, "null"));

        String toP1 = event("incident.priority_updated", at.plusSeconds(120), "null",
                incident("PDUP001", "acknowledged", at, priority("P1")));
        String toP3 = event("incident.priority_updated", at.plusSeconds(180), "null",
                incident("PDUP001", "acknowledged", at, priority("P3")));

        Answer first = deliver(triggered);
        Answer again = deliver(triggered);
        Answer acknowledgement = deliver(acknowledged);
        Answer acknowledgementAgain = deliver(acknowledged);
        Answer raised = deliver(toP1);
        deliver(toP3);
        Answer raisedAgainAfterwards = deliver(toP1);

        assertThat(again.status()).isEqualTo(first.status()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(acknowledgementAgain.status()).isEqualTo(acknowledgement.status()).isEqualTo(202);
        assertThat(acknowledgementAgain.body()).isEqualTo(acknowledgement.body());
        assertThat(raisedAgainAfterwards.status()).isEqualTo(raised.status()).isEqualTo(202);
        assertThat(raisedAgainAfterwards.body()).isEqualTo(raised.body());
        assertThat(eventCount("pd-PDUP001")).as("detection, acknowledgement and two severity changes").isEqualTo(4);
        List<JsonNode> entries = timeline("pd-PDUP001", 4);
        assertThat(entries.get(0).get("text").asText()).as("no priority: the urgency (high) decides").contains("SEV2");
        assertThat(await("/api/v1/incidents/pd-PDUP001", json -> json.get("severity").asText().equals("SEV3"))
                .get("severity").asText()).as("the late redelivery of the first change changed nothing").isEqualTo("SEV3");
    }

    @Test
    void anEventDeliveredBeforeItsIncidentsTriggerOpensTheIncidentFromItsData() {
        Instant createdAt = NOW.minus(Duration.ofMinutes(20));
        String alice = user("PALICE1", "Alice Example");
        String acknowledged = event("incident.acknowledged", createdAt.plusSeconds(90), alice,
                incident("PLATE01", "acknowledged", createdAt, priority("P3"), alice));
        String triggered = event("incident.triggered", createdAt, "null",
                incident("PLATE01", "triggered", createdAt, priority("P3")));

        Answer early = deliver(acknowledged);
        Answer late = deliver(triggered);
        Answer earlyAgain = deliver(acknowledged);

        assertThat(early.status()).as(early.body()).isEqualTo(202);
        assertThat(early.json().get("incidentId").asText()).isEqualTo("pd-PLATE01");
        List<JsonNode> entries = timeline("pd-PLATE01", 2);
        assertThat(entries).extracting(entry -> entry.get("kind").asText()).containsExactly("DETECTED", "ACKNOWLEDGED");
        assertThat(Instant.parse(entries.get(0).get("occurredAt").asText())).isEqualTo(createdAt);
        assertThat(entries.get(1).get("text").asText()).isEqualTo("Acknowledged by Alice Example");
        JsonNode incident = await("/api/v1/incidents/pd-PLATE01", json -> json.has("severity"));
        assertThat(incident.get("severity").asText()).isEqualTo("SEV3");
        assertThat(incident.get("affectedServices")).extracting(JsonNode::asText).containsExactly("Checkout API");
        assertThat(late.status()).as(late.body()).isEqualTo(202);
        assertThat(late.json().get("incidentId").asText()).isEqualTo("pd-PLATE01");
        assertThat(late.json().get("detail").asText()).contains("already opened");
        assertThat(earlyAgain.body()).isEqualTo(early.body());
        assertThat(eventCount("pd-PLATE01")).isEqualTo(2);
    }

    @Test
    void aWrongOrMissingSignatureIs401AndRecordsNothing() {
        Instant at = NOW.minus(Duration.ofMinutes(5));
        String triggered = event("incident.triggered", at, "null", incident("PSIG001", "triggered", at, "null"));

        Answer wrong = deliver(triggered, signature("not-the-secret", triggered));
        Answer missing = deliver(triggered, null);
        Answer tampered = deliver(triggered.replace("Checkout API", "Payments API"), signature(SECRET, triggered));
        Answer tokenOnly = client.post(PATH, triggered, Tokens.RESPONDER);

        for (Answer refused : List.of(wrong, missing, tampered, tokenOnly)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(missing.json().get("detail").asText()).contains("X-PagerDuty-Signature");
        assertThat(eventCount("pd-PSIG001")).isZero();
    }

    @Test
    void aSignatureWithTheSecretBeingRotatedOutStillCounts() {
        Instant at = NOW.minus(Duration.ofMinutes(5));
        String triggered = event("incident.triggered", at, "null", incident("PROT001", "triggered", at, "null"));

        Answer answer = deliver(triggered, signature("a-secret-being-rotated-out", triggered) + ","
                + signature("a-newer-secret-not-configured-yet", triggered));

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(eventCount("pd-PROT001")).isEqualTo(1);
    }

    @Test
    void anEventTypeBlackboxDoesNotRecordIsAnswered202AndIgnored() {
        Instant at = NOW.minus(Duration.ofMinutes(5));
        String delegated = event("incident.delegated", at, "null", incident("PIGN001", "triggered", at, "null"));

        Answer answer = deliver(delegated);

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.json().has("incidentId")).isFalse();
        assertThat(answer.json().get("detail").asText()).contains("incident.delegated").contains("ignored");
        assertThat(eventCount("pd-PIGN001")).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not JSON", "a JSON array", "JSON null", "no event id", "occurred_at not a time",
            "no data", "title not text", "acknowledged in the future"})
    void aDeliveryBlackboxCannotUseIs400AndRecordsNothing(String what) {
        Instant at = NOW.minus(Duration.ofMinutes(5));
        String good = event("incident.triggered", at, "null", incident("PBAD001", "triggered", at, "null"));
        String body = switch (what) {
            case "not JSON" -> "event=incident.triggered";
            case "a JSON array" -> "[" + good + "]";
            case "JSON null" -> "null";
            case "no event id" -> good.replaceFirst("\"id\":\"[^\"]+\",", "");
            case "occurred_at not a time" -> good.replace("\"occurred_at\":\"" + at + "\"", "\"occurred_at\":\"just now\"");
            case "no data" -> event("incident.triggered", at, "null", "null");
            case "title not text" -> good.replace("\"title\":\"Checkout returns 502 for EU customers\"",
                    "\"title\":{\"text\":\"Checkout\"}");
            case "acknowledged in the future" -> event("incident.acknowledged", NOW.plus(Duration.ofHours(2)), "null",
                    incident("PBAD001", "acknowledged", at, "null"));
            default -> throw new IllegalArgumentException(what);
        };

        Answer answer = deliver(body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asText()).isNotBlank();
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(eventCount("pd-PBAD001")).isZero();
    }

    @Test
    void aDeliveryOverTheBodyLimitIs413() {
        Instant at = NOW.minus(Duration.ofMinutes(5));
        String huge = event("incident.annotated", at, "null", note("PBIG001", "x".repeat(1_100_000)));

        Answer answer = deliver(huge);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theIntegrationsListShowsPagerDutysLastDeliveryAndLastError() {
        Instant at = NOW.minus(Duration.ofMinutes(5));
        String triggered = event("incident.triggered", at, "null", incident("PLIST01", "triggered", at, "null"));
        deliver(triggered);
        deliver(triggered, signature("not-the-secret", triggered));

        Answer list = client.get("/api/v1/integrations", Tokens.VIEWER);

        assertThat(list.status()).isEqualTo(200);
        JsonNode pagerDuty = StreamSupport.stream(list.json().get("integrations").spliterator(), false)
                .filter(integration -> integration.get("source").asText().equals("pagerduty")).findFirst().orElseThrow();
        assertThat(pagerDuty.get("path").asText()).isEqualTo(PATH);
        assertThat(Instant.parse(pagerDuty.get("lastDeliveryAt").asText())).isAfterOrEqualTo(NOW);
        assertThat(pagerDuty.get("lastError").get("status").asInt()).isEqualTo(401);
        JsonNode account = StreamSupport.stream(pagerDuty.get("receivers").spliterator(), false)
                .filter(receiver -> receiver.get("receiver").asText().equals("acme.pagerduty.com")).findFirst().orElseThrow();
        assertThat(account.get("deliveries").asLong()).isPositive();
    }
}
