package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Alertmanager's webhook notifications, written as Alertmanager sends them (webhook version 4),
 * delivered over real HTTP: what each records, and how Blackbox answers the ones it cannot use.
 */
class AlertmanagerWebhookEndToEndTest extends EndToEndTest {

    private static final String PATH = "/api/v1/integrations/alertmanager";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @DynamicPropertySource
    static void alertmanagerSettings(DynamicPropertyRegistry registry) {
        registry.add("blackbox.integrations.alertmanager.reopen-window", () -> "30m");
    }

    @Autowired
    EventStore eventStore;

    /** One alert as Alertmanager lists it; a firing alert's endsAt is Go's zero time. */
    private static String alert(String fingerprint, String labels, String annotations, Instant startsAt,
            Instant endsAt) {
        return """
                {"status":"%s","labels":%s,"annotations":%s,"startsAt":"%s","endsAt":"%s",
                 "generatorURL":"http://prometheus.example:9090/graph?g0.expr=rate","fingerprint":"%s"}"""
                .formatted(endsAt == null ? "firing" : "resolved", labels, annotations, startsAt,
                        endsAt == null ? "0001-01-01T00:00:00Z" : endsAt.toString(), fingerprint);
    }

    private static String notification(String receiver, String groupKey, String... alerts) {
        boolean firing = List.of(alerts).stream().anyMatch(alert -> alert.contains("\"status\":\"firing\""));
        return """
                {"version":"4","status":"%s","receiver":"%s","groupKey":"%s","truncatedAlerts":0,
                 "groupLabels":{"alertname":"CheckoutErrors"},"commonLabels":{"alertname":"CheckoutErrors"},
                 "commonAnnotations":{},"externalURL":"http://alertmanager.example:9093","alerts":[%s]}"""
                .formatted(firing ? "firing" : "resolved", receiver, groupKey.replace("\"", "\\\""),
                        String.join(",", alerts));
    }

    private Answer deliver(String body) {
        return client.post(PATH, body, Tokens.RESPONDER);
    }

    /** The incident a receiver's group is recorded on, as the README describes the id. */
    private static String incidentOf(String receiver, String groupKey) {
        return "alertmanager-" + UUID.nameUUIDFromBytes(("alertmanager\n" + receiver + "\n" + groupKey)
                .getBytes(StandardCharsets.UTF_8));
    }

    private long eventCount(String incidentId) {
        return eventStore.readEvents(incidentId, 0).asStream().count();
    }

    private List<String> timelineKinds(String incidentId, int entries) {
        JsonNode timeline = await("/api/v1/incidents/" + incidentId + "/timeline",
                json -> json.get("entries").size() >= entries);
        return StreamSupport.stream(timeline.get("entries").spliterator(), false)
                .map(entry -> entry.get("kind").asText()).toList();
    }

    @Test
    void aGroupIsOneIncidentFromItsFirstAlertToItsMitigation() {
        String group = "{}:{alertname=\"CheckoutErrors\"}";
        Instant start = NOW.minus(Duration.ofMinutes(50));
        Instant joined = start.plus(Duration.ofMinutes(4));
        String checkout = alert("1a2b3c4d5e6f7a8b", """
                {"alertname":"CheckoutErrors","service":"checkout","severity":"critical","instance":"web-1"}""", """
                {"summary":"Checkout fails for 5% of users","description":"5xx above 5% for 5 minutes"}""", start, null);
        String payments = alert("9f8e7d6c5b4a3f2e", """
                {"alertname":"CheckoutErrors","job":"payments-api","severity":"warning"}""", """
                {"summary":"Payments slow"}""", joined, null);

        Answer first = deliver(notification("team-checkout", group, checkout));
        Answer again = deliver(notification("team-checkout", group, checkout));

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        String incidentId = first.json().get("incidentId").asText();
        assertThat(incidentId).isEqualTo(incidentOf("team-checkout", group));
        assertThat(first.location()).endsWith("/api/v1/incidents/" + incidentId);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(eventCount(incidentId)).as("detection and the alert's note, once").isEqualTo(2);
        JsonNode detected = await("/api/v1/incidents/" + incidentId, json -> json.has("title"));
        assertThat(detected.get("title").asText()).isEqualTo("Checkout fails for 5% of users");
        assertThat(detected.get("description").asText()).startsWith("5xx above 5% for 5 minutes")
                .contains("Alertmanager: http://alertmanager.example:9093");
        assertThat(detected.get("severity").asText()).isEqualTo("SEV1");
        assertThat(detected.get("detectedBy").asText()).isEqualTo("alertmanager/team-checkout");
        assertThat(Instant.parse(detected.get("impactStartedAt").asText())).isEqualTo(start);
        assertThat(Instant.parse(detected.get("detectedAt").asText())).isEqualTo(start);

        Answer withJoiner = deliver(notification("team-checkout", group, checkout, payments));
        assertThat(withJoiner.json().get("incidentId").asText()).isEqualTo(incidentId);
        assertThat(timelineKinds(incidentId, 4)).containsExactly("DETECTED", "NOTE_ADDED", "NOTE_ADDED", "IMPACT_ASSESSED");
        JsonNode widened = await("/api/v1/incidents/" + incidentId, json -> json.get("affectedServices").size() == 2);
        assertThat(widened.get("affectedServices")).extracting(JsonNode::asText).containsExactly("checkout", "payments-api");

        Instant lastEnd = NOW.minus(Duration.ofMinutes(5));
        Answer resolved = deliver(notification("team-checkout", group,
                alert("1a2b3c4d5e6f7a8b", "{\"alertname\":\"CheckoutErrors\",\"service\":\"checkout\"}", "{}", start,
                        lastEnd.minus(Duration.ofMinutes(2))),
                alert("9f8e7d6c5b4a3f2e", "{\"alertname\":\"CheckoutErrors\",\"job\":\"payments-api\"}", "{}", joined,
                        lastEnd)));
        Answer resolvedAgain = deliver(notification("team-checkout", group,
                alert("1a2b3c4d5e6f7a8b", "{\"alertname\":\"CheckoutErrors\",\"service\":\"checkout\"}", "{}", start,
                        lastEnd.minus(Duration.ofMinutes(2))),
                alert("9f8e7d6c5b4a3f2e", "{\"alertname\":\"CheckoutErrors\",\"job\":\"payments-api\"}", "{}", joined,
                        lastEnd)));

        assertThat(resolved.status()).isEqualTo(202);
        assertThat(resolvedAgain.body()).isEqualTo(resolved.body());
        assertThat(eventCount(incidentId)).isEqualTo(7);
        JsonNode mitigated = await("/api/v1/incidents/" + incidentId, json -> json.get("status").asText().equals("MITIGATED"));
        assertThat(Instant.parse(mitigated.get("mitigatedAt").asText())).isEqualTo(lastEnd);
        JsonNode metrics = await("/api/v1/incidents/" + incidentId + "/metrics",
                json -> json.path("timeToMitigateSeconds").isNumber());
        assertThat(metrics.get("timeToMitigateSeconds").asLong()).isEqualTo(Duration.between(start, lastEnd).toSeconds());
        assertThat(metrics.get("timeToDetectSeconds").asLong()).isZero();
    }

    @Test
    void anEarlierGroupWhoseAlertsHadTheSameLabelsIsASimilarIncident() {
        String labels = """
                {"alertname":"QueueBacklog","queue":"invoices","cluster":"eu-west-7"}""";
        Instant earlier = NOW.minus(Duration.ofDays(3));
        String first = deliver(notification("team-billing", "{}:{queue=\"invoices\"}",
                alert("0b1c2d3e4f5a6b7c", labels, "{}", earlier, null))).json().get("incidentId").asText();
        String later = deliver(notification("team-billing", "{}:{queue=\"invoices\",cluster=\"eu-west-7\"}",
                alert("7c6b5a4f3e2d1c0b", labels, "{}", NOW.minus(Duration.ofMinutes(3)), null)))
                .json().get("incidentId").asText();

        JsonNode similar = await("/api/v1/incidents/" + later + "/similar", json -> json.get("incidents").size() > 0);

        JsonNode found = StreamSupport.stream(similar.get("incidents").spliterator(), false)
                .filter(incident -> incident.get("incidentId").asText().equals(first)).findFirst().orElseThrow();
        assertThat(found.get("sharedBy").get("labels")).extracting(JsonNode::asText)
                .contains("alertname=QueueBacklog", "queue=invoices", "cluster=eu-west-7");
    }

    @Test
    void aGroupThatFiresAgainLongAfterItsMitigationOpensANewIncident() {
        String group = "{}:{alertname=\"DiskFull\"}";
        Instant start = NOW.minus(Duration.ofHours(3));
        Instant end = start.plus(Duration.ofMinutes(20));
        Instant again = NOW.minus(Duration.ofMinutes(30));
        String labels = "{\"alertname\":\"DiskFull\",\"service\":\"storage\"}";
        String oldId = deliver(notification("team-storage", group, alert("aaaa", labels, "{}", start, null)))
                .json().get("incidentId").asText();
        deliver(notification("team-storage", group, alert("aaaa", labels, "{}", start, end)));

        Answer firingAgain = deliver(notification("team-storage", group, alert("aaaa", labels, "{}", again, null)));
        Answer nextOne = deliver(notification("team-storage", group, alert("aaaa", labels, "{}", again, null),
                alert("bbbb", "{\"alertname\":\"DiskFull\",\"service\":\"backups\"}", "{}", again.plusSeconds(60), null)));

        String newId = firingAgain.json().get("incidentId").asText();
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(nextOne.json().get("incidentId").asText()).isEqualTo(newId);
        JsonNode fresh = await("/api/v1/incidents/" + newId, json -> json.get("affectedServices").size() == 2);
        assertThat(fresh.get("status").asText()).isEqualTo("OPEN");
        assertThat(Instant.parse(fresh.get("impactStartedAt").asText())).isEqualTo(again);
        JsonNode old = await("/api/v1/incidents/" + oldId + "/timeline", json -> json.get("entries").size() == 5);
        assertThat(old.get("entries").get(4).get("text").asText()).contains("recorded on incident " + newId);
        assertThat(await("/api/v1/incidents/" + oldId, json -> true).get("status").asText()).isEqualTo("MITIGATED");
    }

    @Test
    void resolvedAlertsOfAGroupNoIncidentHoldsRecordNothing() {
        String group = "{}:{alertname=\"Flapping\"}";
        Answer answer = deliver(notification("team-quiet", group,
                alert("cccc", "{\"alertname\":\"Flapping\"}", "{}", NOW.minusSeconds(600), NOW.minusSeconds(300))));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().has("incidentId")).isFalse();
        assertThat(eventCount(incidentOf("team-quiet", group))).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"version 3", "no alerts", "startsAt not a time", "resolved without endsAt",
            "labels not strings", "startsAt in the future", "not JSON", "a JSON array", "JSON null"})
    void aNotificationBlackboxCannotUseIs400AndRecordsNothing(String what) {
        String group = "{}:{alertname=\"Broken\"}";
        String labels = "{\"alertname\":\"Broken\"}";
        String good = alert("dddd", labels, "{}", NOW.minusSeconds(60), null);
        String body = switch (what) {
            case "version 3" -> notification("team-broken", group, good).replace("\"version\":\"4\"", "\"version\":\"3\"");
            case "no alerts" -> notification("team-broken", group);
            case "startsAt not a time" -> notification("team-broken", group, good,
                    alert("eeee", labels, "{}", NOW, null).replace(NOW.toString(), "an hour ago"));
            case "resolved without endsAt" -> notification("team-broken", group, good,
                    alert("eeee", labels, "{}", NOW.minusSeconds(60), NOW).replace("\"endsAt\":\"" + NOW + "\",", ""));
            case "labels not strings" -> notification("team-broken", group,
                    alert("eeee", "{\"alertname\":{\"nested\":true}}", "{}", NOW.minusSeconds(60), null));
            case "startsAt in the future" -> notification("team-broken", group,
                    alert("eeee", labels, "{}", NOW.plus(Duration.ofHours(2)), null));
            case "not JSON" -> "version=4&status=firing";
            case "a JSON array" -> "[" + notification("team-broken", group, good) + "]";
            case "JSON null" -> "null";
            default -> throw new IllegalArgumentException(what);
        };

        Answer answer = deliver(body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asText()).isNotBlank();
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(eventCount(incidentOf("team-broken", group))).isZero();
    }

    @Test
    void aNotificationOverTheBodyLimitIs413() {
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            alerts.add(alert("f" + i, "{\"alertname\":\"Storm\",\"pod\":\"" + "p".repeat(300) + i + "\"}", "{}",
                    NOW.minusSeconds(60), null));
        }
        Answer answer = deliver(notification("team-storm", "{}:{alertname=\"Storm\"}", alerts.toArray(String[]::new)));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void onlyRespondersAndAboveMayDeliver() {
        String body = notification("team-auth", "{}:{alertname=\"Auth\"}",
                alert("abcd", "{\"alertname\":\"Auth\"}", "{}", NOW.minusSeconds(60), null));

        Answer viewer = client.post(PATH, body, Tokens.VIEWER);
        Answer nobody = client.post(PATH, body, null);

        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.contentType()).startsWith("application/problem+json");
        assertThat(nobody.status()).isEqualTo(401);
        assertThat(eventCount(incidentOf("team-auth", "{}:{alertname=\"Auth\"}"))).isZero();
    }

    @Test
    void whatSendersTypedIsEscapedInThePostmortem() {
        String group = "{}:{alertname=\"Xss\"}";
        Answer answer = deliver(notification("team-web", group, alert("0bad", "{\"alertname\":\"Xss\"}",
                "{\"summary\":\"<script>alert(1)</script> in checkout\"}", NOW.minusSeconds(120), null)));
        String incidentId = answer.json().get("incidentId").asText();
        await("/api/v1/incidents/" + incidentId, json -> json.has("title"));

        Answer html = client.exchange("GET", "/api/v1/incidents/" + incidentId + "/postmortem", null, Tokens.VIEWER,
                Map.of("Accept", "text/html"));

        assertThat(html.body()).contains("&lt;script&gt;").contains("in checkout").doesNotContain("<script>alert");
    }

    @Test
    void theOpenApiDocumentDescribesTheWebhookPayload() {
        JsonNode api = client.get("/v3/api-docs", null).json();

        assertThat(api.at("/paths/~1api~1v1~1integrations~1alertmanager/post/requestBody/content/application~1json/schema/$ref")
                .asText()).endsWith("/AlertNotification");
        assertThat(api.at("/components/schemas/AlertNotification/properties").has("groupKey")).isTrue();
        assertThat(api.at("/paths/~1api~1v1~1integrations/get").isMissingNode()).isFalse();
    }

    @Test
    void theIntegrationsListShowsEachReceiversLastDeliveryAndLastError() {
        String group = "{}:{alertname=\"Listed\"}";
        String good = notification("team-listed", group, alert("1111", "{\"alertname\":\"Listed\"}", "{}",
                NOW.minusSeconds(60), null));
        deliver(good);
        deliver(good.replace("\"version\":\"4\"", "\"version\":\"5\""));

        Answer list = client.get("/api/v1/integrations", Tokens.VIEWER);

        assertThat(list.status()).isEqualTo(200);
        JsonNode alertmanager = StreamSupport.stream(list.json().get("integrations").spliterator(), false)
                .filter(integration -> integration.get("source").asText().equals("alertmanager")).findFirst().orElseThrow();
        assertThat(alertmanager.get("path").asText()).isEqualTo(PATH);
        JsonNode receiver = StreamSupport.stream(alertmanager.get("receivers").spliterator(), false)
                .filter(r -> r.get("receiver").asText().equals("team-listed")).findFirst().orElseThrow();
        assertThat(receiver.get("deliveries").asLong()).isEqualTo(1);
        assertThat(Instant.parse(receiver.get("lastDeliveryAt").asText())).isAfterOrEqualTo(NOW);
        assertThat(receiver.get("errors").asLong()).isEqualTo(1);
        assertThat(receiver.get("lastError").get("status").asInt()).isEqualTo(400);
        assertThat(receiver.get("lastError").get("detail").asText()).contains("version");
    }
}
