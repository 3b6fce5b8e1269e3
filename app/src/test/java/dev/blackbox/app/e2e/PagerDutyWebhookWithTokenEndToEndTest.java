package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Without a PagerDuty signing secret, PagerDuty's webhooks need a token like the other receivers' deliveries. */
class PagerDutyWebhookWithTokenEndToEndTest extends EndToEndTest {

    private static final String PATH = "/api/v1/integrations/pagerduty";

    @Autowired
    EventStore eventStore;

    private static String triggered(String incidentId) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
        return """
                {"event":{"id":"01DEN5UTHB7RGBN2G4PHHJ6S%1$s","event_type":"incident.triggered","resource_type":"incident",
                 "occurred_at":"%2$s","agent":null,"client":null,
                 "data":{"id":"%1$s","type":"incident","html_url":"https://acme.pagerduty.com/incidents/%1$s",
                  "number":77,"status":"triggered","created_at":"%2$s","title":"Search is slow",
                  "service":{"id":"PSRCH01","summary":"Search","type":"service_reference"},"assignees":[],
                  "escalation_policy":{"id":"PUS0KTE","summary":"Search on-call","type":"escalation_policy_reference"},
                  "priority":null,"urgency":"low"}}}""".formatted(incidentId, at);
    }

    @Test
    void aResponderTokenDeliversAndIsTheSender() {
        Answer answer = client.post(PATH, triggered("PTOK001"), Tokens.RESPONDER);

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        JsonNode timeline = await("/api/v1/incidents/pd-PTOK001/timeline", json -> json.get("entries").size() == 1);
        assertThat(timeline.get("entries").get(0).get("actor").asText()).isEqualTo("alert-bot");
        assertThat(await("/api/v1/incidents/pd-PTOK001", json -> json.has("severity")).get("severity").asText())
                .as("no priority, low urgency").isEqualTo("SEV3");
    }

    @Test
    void withoutATokenOrWithAViewersTheDeliveryIsRefused() {
        Answer nobody = client.post(PATH, triggered("PTOK002"), null);
        Answer viewer = client.post(PATH, triggered("PTOK002"), Tokens.VIEWER);

        assertThat(nobody.status()).isEqualTo(401);
        assertThat(nobody.contentType()).startsWith("application/problem+json");
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(eventStore.readEvents("pd-PTOK002", 0).asStream().count()).isZero();
    }
}
