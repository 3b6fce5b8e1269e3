package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}) routes alerts to
 * Blackbox's receiver, authenticated with a responder token as its {@code http_config} says: the
 * alerts posted to Alertmanager become one incident, as Blackbox's own API then shows it. In CI
 * ({@code CI=true}) a missing Alertmanager fails the test; elsewhere the test is skipped.
 */
class AlertmanagerReceiverEndToEndTest extends EndToEndTest {

    @TempDir
    Path folder;

    private static Path alertmanagerBinary() {
        Path binary = RunningAlertmanager.binary();
        if (binary == null) {
            String missing = "Prometheus Alertmanager is not installed (apt-get install prometheus-alertmanager, "
                    + "or set BLACKBOX_ALERTMANAGER to its binary)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(missing + "; CI must run this test");
            }
            Assumptions.abort(missing + "; skipped outside CI");
        }
        return binary;
    }

    private static String alert(String labels, String annotations, Instant startsAt, Instant endsAt) {
        return """
                {"labels":%s,"annotations":%s,"startsAt":"%s",%s
                 "generatorURL":"http://prometheus.example:9090/graph?g0.expr=rate"}"""
                .formatted(labels, annotations, startsAt, endsAt == null ? "" : "\"endsAt\":\"" + endsAt + "\",");
    }

    @Test
    void alertsRoutedByAlertmanagerOpenAnIncidentThatIsMitigatedWhenEveryAlertHasResolved() throws Exception {
        Path binary = alertmanagerBinary();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant checkoutStart = now.minus(Duration.ofMinutes(10));
        Instant paymentsStart = now.minus(Duration.ofMinutes(6));
        String checkoutLabels = "{\"alertname\":\"CheckoutErrors\",\"service\":\"checkout\",\"severity\":\"critical\"}";
        String checkoutAnnotations = "{\"summary\":\"Checkout fails for 5% of users\",\"description\":\"5xx above 5%\"}";
        String paymentsLabels = "{\"alertname\":\"CheckoutErrors\",\"service\":\"payments\",\"severity\":\"warning\"}";

        try (RunningAlertmanager alertmanager = RunningAlertmanager.start(binary, folder, "blackbox",
                "http://127.0.0.1:" + port + "/api/v1/integrations/alertmanager", Tokens.RESPONDER)) {
            try {
                alertmanager.post("[" + alert(checkoutLabels, checkoutAnnotations, checkoutStart, null) + "]");
                JsonNode list = await("/api/v1/incidents", json -> json.get("total").asInt() == 1);
                String incidentId = list.get("incidents").get(0).get("incidentId").asText();
                JsonNode detected = await("/api/v1/incidents/" + incidentId, json -> json.has("title"));
                assertThat(incidentId).startsWith("alertmanager-");
                assertThat(detected.get("title").asText()).isEqualTo("Checkout fails for 5% of users");
                assertThat(detected.get("severity").asText()).isEqualTo("SEV1");
                assertThat(detected.get("status").asText()).isEqualTo("OPEN");
                assertThat(detected.get("detectedBy").asText()).isEqualTo("alertmanager/blackbox");
                assertThat(Instant.parse(detected.get("impactStartedAt").asText())).isEqualTo(checkoutStart);

                alertmanager.post("[" + alert(paymentsLabels, "{}", paymentsStart, null) + "]");
                JsonNode widened = await("/api/v1/incidents/" + incidentId,
                        json -> json.get("affectedServices").size() == 2);
                assertThat(widened.get("affectedServices")).extracting(JsonNode::asText)
                        .containsExactly("checkout", "payments");

                Instant checkoutEnd = now.minusSeconds(3);
                Instant paymentsEnd = now.minusSeconds(1);
                alertmanager.post("[" + alert(checkoutLabels, checkoutAnnotations, checkoutStart, checkoutEnd) + ","
                        + alert(paymentsLabels, "{}", paymentsStart, paymentsEnd) + "]");
                JsonNode mitigated = await("/api/v1/incidents/" + incidentId,
                        json -> json.get("status").asText().equals("MITIGATED"));
                assertThat(Instant.parse(mitigated.get("mitigatedAt").asText())).isEqualTo(paymentsEnd);
                assertThat(mitigated.get("severity").asText()).isEqualTo("SEV1");

                JsonNode timeline = await("/api/v1/incidents/" + incidentId + "/timeline",
                        json -> json.get("entries").size() == 7);
                assertThat(timeline.get("entries")).extracting(entry -> entry.get("kind").asText()).containsExactly(
                        "DETECTED", "NOTE_ADDED", "NOTE_ADDED", "IMPACT_ASSESSED", "NOTE_ADDED", "NOTE_ADDED", "MITIGATED");
                assertThat(timeline.get("entries").get(1).get("text").asText())
                        .contains("CheckoutErrors firing since " + checkoutStart)
                        .contains("Source: http://prometheus.example:9090/graph?g0.expr=rate");
                assertThat(timeline.get("entries").get(5).get("text").asText())
                        .contains("resolved at " + paymentsEnd);
                JsonNode metrics = await("/api/v1/incidents/" + incidentId + "/metrics",
                        json -> json.path("timeToMitigateSeconds").isNumber());
                assertThat(metrics.get("timeToMitigateSeconds").asLong())
                        .isEqualTo(Duration.between(checkoutStart, paymentsEnd).toSeconds());
                assertThat(metrics.path("timeToResolveSeconds").isNumber()).isFalse();

                JsonNode integrations = client.get("/api/v1/integrations", Tokens.VIEWER).json();
                JsonNode receiver = StreamSupport.stream(integrations.get("integrations").spliterator(), false)
                        .filter(integration -> integration.get("source").asText().equals("alertmanager"))
                        .flatMap(integration -> StreamSupport.stream(integration.get("receivers").spliterator(), false))
                        .filter(r -> r.get("receiver").asText().equals("blackbox")).findFirst().orElseThrow();
                assertThat(receiver.get("deliveries").asLong()).isGreaterThanOrEqualTo(3);
                assertThat(receiver.get("errors").asLong()).isZero();
            } catch (AssertionError failure) {
                throw new AssertionError(failure.getMessage() + "\n" + alertmanager.log(), failure);
            }
        }
    }
}
