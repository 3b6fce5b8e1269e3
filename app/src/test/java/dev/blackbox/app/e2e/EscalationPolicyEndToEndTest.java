package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Escalation policies: a SEV1 left unacknowledged is escalated at each step, once; one acknowledged
 * in time never is; back-dated detections escalate the steps already due at once; drills and other
 * severities are left alone; a severity raised into the policy starts it then.
 */
class EscalationPolicyEndToEndTest extends EndToEndTest {

    @DynamicPropertySource
    static void policies(DynamicPropertyRegistry registry) {
        registry.add("blackbox.escalation.policies[0].severities", () -> "SEV1");
        registry.add("blackbox.escalation.policies[0].until", () -> "acknowledged");
        registry.add("blackbox.escalation.policies[0].steps[0].after", () -> "2s");
        registry.add("blackbox.escalation.policies[0].steps[0].target", () -> "team-lead");
        registry.add("blackbox.escalation.policies[0].steps[1].after", () -> "4s");
        registry.add("blackbox.escalation.policies[0].steps[1].target", () -> "head-of-engineering");
    }

    @Test
    void anUnacknowledgedSev1IsEscalatedAtEachStepOnce() throws Exception {
        detect("esc-ignored", "SEV1", null, false);

        JsonNode escalated = awaitEscalations("esc-ignored", 2);
        assertThat(targets(escalated)).containsExactly("team-lead", "head-of-engineering");
        JsonNode first = escalated.path("investigation").path("escalations").get(0);
        assertThat(first.path("escalatedBy").asText()).isEqualTo("escalation-policy");
        assertThat(first.path("reason").asText()).isEqualTo("not acknowledged within 2 seconds");
        Thread.sleep(3000);
        assertThat(targets(client.get("/api/v1/incidents/esc-ignored", Tokens.VIEWER).json())).hasSize(2);
    }

    @Test
    void aSev1AcknowledgedInTimeIsNeverEscalated() throws Exception {
        detect("esc-acknowledged", "SEV1", null, false);
        assertThat(client.post("/api/v1/incidents/esc-acknowledged/acknowledgements", "{\"responder\":\"alice\"}",
                Tokens.RESPONDER).status()).isEqualTo(202);
        // A policy-covered incident escalated elsewhere shows the steps have come and gone.
        detect("esc-witness", "SEV1", null, false);
        awaitEscalations("esc-witness", 2);

        JsonNode acknowledged = await("/api/v1/incidents/esc-acknowledged", d -> d.has("acknowledgedAt"));
        assertThat(acknowledged.path("escalationCount").asInt()).isZero();
    }

    @Test
    void aBackDatedDetectionEscalatesTheStepsAlreadyDueAtOnceAndOnce() throws Exception {
        Instant tenMinutesAgo = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        detect("esc-backdated", "SEV1", tenMinutesAgo, false);

        JsonNode escalated = awaitEscalations("esc-backdated", 2);
        assertThat(escalated.path("investigation").path("escalations").get(0).path("escalatedAt").asText())
                .isEqualTo(tenMinutesAgo.plusSeconds(2).toString());
        Thread.sleep(2000);
        assertThat(targets(client.get("/api/v1/incidents/esc-backdated", Tokens.VIEWER).json())).hasSize(2);
    }

    @Test
    void drillsAndOtherSeveritiesAreLeftAloneUntilRaisedIntoThePolicy() throws Exception {
        detect("esc-drill", "SEV1", null, true);
        detect("esc-sev3", "SEV3", null, false);
        detect("esc-raised", "SEV3", null, false);
        Instant raisedAt = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        assertThat(client.post("/api/v1/incidents/esc-raised/severity",
                "{\"severity\":\"SEV1\",\"reason\":\"all regions\",\"occurredAt\":\"" + raisedAt + "\"}",
                Tokens.RESPONDER).status()).isEqualTo(202);

        JsonNode raised = awaitEscalations("esc-raised", 2);
        assertThat(raised.path("investigation").path("escalations").get(0).path("escalatedAt").asText())
                .isEqualTo(raisedAt.plusSeconds(2).toString());
        assertThat(client.get("/api/v1/incidents/esc-drill", Tokens.VIEWER).json().path("escalationCount").asInt())
                .isZero();
        assertThat(client.get("/api/v1/incidents/esc-sev3", Tokens.VIEWER).json().path("escalationCount").asInt())
                .isZero();
    }

    private void detect(String incidentId, String severity, Instant occurredAt, boolean drill) {
        String body = "{\"incidentId\":\"" + incidentId + "\",\"title\":\"Checkout fails\",\"severity\":\"" + severity
                + "\"" + (occurredAt == null ? "" : ",\"occurredAt\":\"" + occurredAt + "\"")
                + (drill ? ",\"drill\":true" : "") + "}";
        assertThat(client.post("/api/v1/incidents", body, Tokens.RESPONDER).status()).isEqualTo(201);
    }

    private JsonNode awaitEscalations(String incidentId, int count) {
        return await("/api/v1/incidents/" + incidentId,
                d -> d.path("investigation").path("escalations").size() >= count);
    }

    private static List<String> targets(JsonNode detail) {
        List<String> targets = new ArrayList<>();
        detail.path("investigation").path("escalations").forEach(e -> targets.add(e.path("target").asText()));
        return targets;
    }
}
