package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import dev.blackbox.app.e2e.WebhookReceiver.Delivery;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Subscriptions deliver to a real HTTP receiver that checks every signature: a whole outage, in
 * order per incident and complete; through a receiver outage (retries); after a replay from an
 * instant; refused deliveries parked and retried; bad requests refused with nothing stored; a
 * subscription behind catching up and joining the shared reader; different incidents delivered at
 * once; a slow receiver holding no other up. Prometheus
 * export is on, as in a running server, to see the subscription's meters.
 */
@AutoConfigureObservability
class SubscriptionsEndToEndTest extends EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @DynamicPropertySource
    static void subscriptions(DynamicPropertyRegistry registry) {
        registry.add("blackbox.subscriptions.allow-private-targets", () -> "true");
        registry.add("blackbox.subscriptions.initial-backoff", () -> "100ms");
        registry.add("blackbox.subscriptions.max-backoff", () -> "500ms");
        registry.add("blackbox.subscriptions.timeout", () -> "2s");
        // Small, so that a subscription falls behind the shared reader and catches up on its own often.
        registry.add("blackbox.subscriptions.backlog", () -> "8");
    }

    private WebhookReceiver receiver;
    private final List<String> subscriptions = new ArrayList<>();

    @BeforeEach
    void startReceiver() {
        receiver = new WebhookReceiver();
    }

    /**
     * A test's subscriptions end with it: the next test's receivers listen on ports the system may
     * hand out again, and a subscription left retrying one would deliver there, signed with its own secret.
     */
    @AfterEach
    void stopReceiverAndSubscriptions() {
        subscriptions.forEach(id -> client.exchange("DELETE", "/api/v1/subscriptions/" + id, null, Tokens.ADMIN, Map.of()));
        receiver.close();
    }

    @Test
    void aWholeOutageArrivesSignedInOrderAndComplete() throws Exception {
        String id = subscribe("{\"url\":\"" + receiver.url() + "\"}");
        Scenario scenario = Scenario.all().get(0);
        String incidentId = "sub-" + scenario.incidentId();
        for (Scenario.Step step : scenario.steps()) {
            assertThat(client.send(incidentId, step, Tokens.RESPONDER).status()).isBetween(200, 299);
        }
        List<Long> sequences = timeline(incidentId, scenario.steps().size());

        List<Delivery> got = receiver.awaitAccepted(d -> facts(d, incidentId) >= sequences.size(), PATIENCE);

        WebhookReceiver.assertCompleteAndOrdered(got, Map.of(incidentId, sequences));
        JsonNode detected = got.stream().map(Delivery::json)
                .filter(json -> json.path("incidentId").asText().equals(incidentId)).findFirst().orElseThrow();
        assertThat(detected.path("type").asText()).isEqualTo("IssueDetected");
        assertThat(detected.path("sequence").asLong()).isZero();
        assertThat(detected.path("position").asLong()).isPositive();
        assertThat(detected.path("entry").path("kind").asText()).isEqualTo("DETECTED");
        assertThat(detected.path("entry").path("text").asText()).startsWith("Issue detected by");
        String metrics = client.get("/actuator/prometheus", Tokens.ADMIN).body();
        assertThat(metrics).contains("blackbox_subscriptions_deliveries_total{subscription=\"" + id + "\"}")
                .contains("blackbox_subscriptions_lag_events{subscription=\"" + id + "\"}")
                .contains("blackbox_subscriptions_delivery_lag_seconds{subscription=\"" + id + "\",quantile=\"0.99\"}");
    }

    @Test
    void manyConcurrentWritersLoseNoFact() throws Exception {
        subscribe("{\"url\":\"" + receiver.url() + "\",\"filter\":{\"services\":[\"crowd\"]}}");
        int writers = 16;
        int incidentsEach = 10;
        int notes = 4;
        Map<String, List<Long>> expected = new java.util.concurrent.ConcurrentHashMap<>();
        // Each command's answer names its event's store position: the delivery of that fact must carry it.
        Map<String, Long> answered = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < incidentsEach; i++) {
                    String incident = "crowd-" + writer + "-" + i;
                    var created = client.post("/api/v1/incidents", "{\"incidentId\":\"" + incident
                            + "\",\"title\":\"Crowd\",\"severity\":\"SEV3\",\"affectedServices\":[\"crowd\"]}",
                            Tokens.RESPONDER);
                    assertThat(created.status()).isEqualTo(201);
                    answered.put(incident + "/0", Long.parseLong(created.header("Blackbox-Position")));
                    for (int n = 0; n < notes; n++) {
                        var noted = client.post("/api/v1/incidents/" + incident + "/notes",
                                "{\"text\":\"note " + n + "\"}", Tokens.RESPONDER);
                        assertThat(noted.status()).isEqualTo(201);
                        answered.put(incident + "/" + (n + 1), Long.parseLong(noted.header("Blackbox-Position")));
                    }
                    expected.put(incident, List.of(0L, 1L, 2L, 3L, 4L));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int facts = writers * incidentsEach * (notes + 1);
        List<Delivery> got = receiver.awaitAccepted(d -> d.stream().map(Delivery::webhookId).distinct().count() >= facts,
                PATIENCE);
        WebhookReceiver.assertCompleteAndOrdered(got, expected);
        // Events commit out of order under this load; one that fills a gap of the reader's token
        // must still carry its own position, not the highest one the reader had seen.
        Map<String, Long> delivered = new java.util.HashMap<>();
        got.stream().map(Delivery::json).forEach(json -> delivered.put(
                json.path("incidentId").asText() + "/" + json.path("sequence").asLong(), json.path("position").asLong()));
        assertThat(delivered).containsOnlyKeys(answered.keySet());
        Map<String, String> wrong = new java.util.TreeMap<>();
        answered.forEach((fact, position) -> {
            if (!position.equals(delivered.get(fact))) {
                wrong.put(fact, "answered " + position + ", delivered " + delivered.get(fact));
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void factsStoredWhileTheReceiverIsDownArriveOnceItIsBack() throws Exception {
        String id = subscribe("{\"url\":\"" + receiver.url() + "\",\"filter\":{\"incidentIds\":[\"sub-down\"]}}");
        receiver.answer(WebhookReceiver.Answer.FAIL);
        assertThat(client.detect("sub-down", Tokens.RESPONDER).status()).isEqualTo(201);
        for (int i = 0; i < 5; i++) {
            assertThat(client.post("/api/v1/incidents/sub-down/notes", "{\"text\":\"note " + i + "\"}", Tokens.RESPONDER)
                    .status()).isEqualTo(201);
        }
        JsonNode failing = await("/api/v1/subscriptions/" + id, s -> s.path("state").asText().equals("failing"));
        assertThat(failing.path("lastError").asText()).contains("503");
        assertThat(failing.path("lagEvents").asLong()).isPositive();

        receiver.answer(WebhookReceiver.Answer.ACCEPT);
        List<Delivery> got = receiver.awaitAccepted(d -> facts(d, "sub-down") >= 6, PATIENCE);

        WebhookReceiver.assertCompleteAndOrdered(got, Map.of("sub-down", List.of(0L, 1L, 2L, 3L, 4L, 5L)));
        Set<String> failedIds = new HashSet<>();
        receiver.deliveries().stream().filter(d -> d.answeredWith() == 503).forEach(d -> failedIds.add(d.webhookId()));
        assertThat(got.stream().map(Delivery::webhookId)).as("the retries carry the failed attempts' ids")
                .containsAll(failedIds);
        JsonNode recovered = await("/api/v1/subscriptions/" + id, s -> s.path("state").asText().equals("active")
                && s.path("deliveredCount").asLong() >= 6);
        assertThat(recovered.path("lastDeliveryAt").isTextual()).isTrue();
    }

    @Test
    void aReplayFromAnInstantDeliversTheFactsStoredSinceAgain() throws Exception {
        String id = subscribe("{\"url\":\"" + receiver.url() + "\",\"filter\":{\"incidentIds\":[\"sub-before\",\"sub-after\"]}}");
        client.detect("sub-before", Tokens.RESPONDER);
        receiver.awaitAccepted(d -> facts(d, "sub-before") >= 1, PATIENCE);
        Thread.sleep(50);
        Instant between = Instant.now();
        Thread.sleep(50);
        client.detect("sub-after", Tokens.RESPONDER);
        client.post("/api/v1/incidents/sub-after/acknowledgements", "{\"responder\":\"alice\"}", Tokens.RESPONDER);
        List<Delivery> first = receiver.awaitAccepted(d -> facts(d, "sub-after") >= 2, PATIENCE);
        int before = first.size();

        Answer replay = client.post("/api/v1/subscriptions/" + id + "/replay", "{\"from\":\"" + between + "\"}",
                Tokens.ADMIN);
        assertThat(replay.status()).isEqualTo(202);
        List<Delivery> all = receiver.awaitAccepted(d -> d.size() >= before + 2, PATIENCE);

        List<Delivery> again = all.subList(before, all.size());
        assertThat(again).extracting(d -> d.json().path("incidentId").asText()).containsOnly("sub-after");
        assertThat(again).extracting(d -> d.json().path("sequence").asLong()).containsExactly(0L, 1L);
        WebhookReceiver.assertCompleteAndOrdered(all, Map.of("sub-before", List.of(0L), "sub-after", List.of(0L, 1L)));
    }

    /**
     * A receiver that answers a byte at a time passes every read's timeout; the whole request's bound
     * must still end it, or one such receiver would hold its subscription's lane forever.
     */
    @Test
    void aReceiverAnsweringAByteAtATimeIsCutOffAtTheTimeout() throws Exception {
        try (ServerSocket dripping = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> drip(dripping), "dripping-receiver");
            answering.setDaemon(true);
            answering.start();
            String id = subscribe("{\"url\":\"http://127.0.0.1:" + dripping.getLocalPort()
                    + "/hook\",\"filter\":{\"incidentIds\":[\"sub-drip\"]}}");
            assertThat(client.detect("sub-drip", Tokens.RESPONDER).status()).isEqualTo(201);

            JsonNode failing = await("/api/v1/subscriptions/" + id, s -> s.path("state").asText().equals("failing"));
            assertThat(failing.path("lastError").asText()).isEqualTo("no answer within 2000 ms");
        }
    }

    /** Reads each request's first bytes, then answers its status line a byte every 300 ms, never finishing. */
    private static void drip(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket connection = server.accept()) {
                connection.getInputStream().read(new byte[8192]);
                for (byte b : "HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII)) {
                    connection.getOutputStream().write(b);
                    connection.getOutputStream().flush();
                    Thread.sleep(300);
                }
                while (true) {
                    connection.getOutputStream().write('a');
                    connection.getOutputStream().flush();
                    Thread.sleep(300);
                }
            } catch (IOException | InterruptedException closedOrCutOff) {
                // The next attempt, or the test's end.
            }
        }
    }

    @Test
    void aRefusedDeliveryIsParkedWithItsReasonUntilRetried() throws Exception {
        String id = subscribe("{\"url\":\"" + receiver.url() + "\",\"filter\":{\"incidentIds\":[\"sub-parked\"],"
                + "\"kinds\":[\"DETECTED\"]}}");
        receiver.answer(WebhookReceiver.Answer.REFUSE);
        client.detect("sub-parked", Tokens.RESPONDER);
        JsonNode parked = await("/api/v1/subscriptions/" + id, s -> s.path("parked").size() == 1);
        assertThat(parked.path("parked").get(0).path("reason").asText()).contains("400");
        assertThat(parked.path("parked").get(0).path("incidentId").asText()).isEqualTo("sub-parked");

        receiver.answer(WebhookReceiver.Answer.ACCEPT);
        assertThat(client.post("/api/v1/subscriptions/" + id + "/parked/retry", null, Tokens.ADMIN).status())
                .isEqualTo(202);
        List<Delivery> got = receiver.awaitAccepted(d -> facts(d, "sub-parked") == 1, PATIENCE);
        assertThat(got.get(got.size() - 1).webhookId()).isEqualTo(parked.path("parked").get(0).path("webhookId").asText());
        await("/api/v1/subscriptions/" + id, s -> s.path("parked").isEmpty());
    }

    @Test
    void badRequestsAreRefusedAndStoreNothing() {
        int before = client.get("/api/v1/subscriptions", Tokens.ADMIN).json().path("subscriptions").size();
        for (String body : List.of(
                "{\"url\":\"ftp://example.org/hooks\"}",
                "{\"url\":\"http://no-such-host.invalid/hooks\"}",
                "{\"url\":\"" + receiver.url() + "\",\"filter\":{\"severities\":[\"SEV9\"]}}",
                "{\"url\":\"" + receiver.url() + "\",\"filter\":{\"kinds\":[\"EXPLODED\"]}}",
                "{\"url\":\"" + receiver.url() + "\",\"format\":\"teams\"}",
                "{\"url\":\"" + receiver.url() + "\",\"secret\":\"not-a-secret\"}",
                "{\"url\":\"" + receiver.url() + "\",\"startAt\":\"yesterday\"}",
                "{\"url\":\"" + receiver.url() + "\",\"colour\":\"red\"}")) {
            Answer answer = client.post("/api/v1/subscriptions", body, Tokens.ADMIN);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.contentType()).as(body).startsWith("application/problem+json");
        }
        assertThat(client.get("/api/v1/subscriptions", Tokens.ADMIN).json().path("subscriptions").size())
                .isEqualTo(before);
        assertThat(client.get("/api/v1/subscriptions/sub-unknown", Tokens.ADMIN).status()).isEqualTo(404);
        assertThat(client.exchange("DELETE", "/api/v1/subscriptions/sub-unknown", null, Tokens.ADMIN, Map.of()).status())
                .isEqualTo(404);
        assertThat(client.post("/api/v1/subscriptions/sub-unknown/replay", "{\"from\":1}", Tokens.ADMIN).status())
                .isEqualTo(404);
        assertThat(client.post("/api/v1/subscriptions", "{\"url\":\"" + receiver.url() + "\"}", Tokens.RESPONDER)
                .status()).isEqualTo(403);
    }

    @Test
    void theSecretIsShownOnceAndADeletedSubscriptionDeliversNoMore() throws Exception {
        Answer created = client.post("/api/v1/subscriptions", "{\"url\":\"" + receiver.url() + "\"}", Tokens.ADMIN);
        String id = created.json().path("subscriptionId").asText();
        assertThat(created.json().path("secret").asText()).startsWith("whsec_");
        assertThat(client.get("/api/v1/subscriptions/" + id, Tokens.ADMIN).json().has("secret")).isFalse();
        assertThat(client.get("/api/v1/subscriptions", Tokens.ADMIN).body()).doesNotContain("whsec_");

        assertThat(client.exchange("DELETE", "/api/v1/subscriptions/" + id, null, Tokens.ADMIN, Map.of()).status())
                .isEqualTo(204);
        assertThat(client.get("/api/v1/subscriptions/" + id, Tokens.ADMIN).status()).isEqualTo(404);
    }

    @Test
    void aSubscriptionBehindCatchesUpJoinsTheSharedReaderAndMissesNothing() throws Exception {
        subscribe("{\"url\":\"" + receiver.url() + "\",\"filter\":{\"services\":[\"handover\"]}}");
        Map<String, List<Long>> expected = new java.util.concurrent.ConcurrentHashMap<>();
        write("handover-before", 6, 3, "handover", expected);
        try (WebhookReceiver behind = new WebhookReceiver()) {
            // Facts keep coming while the new subscription reads from the beginning and joins.
            Thread writer = new Thread(() -> write("handover-during", 8, 3, "handover", expected));
            writer.start();
            String id = subscribe(behind, "{\"url\":\"" + behind.url()
                    + "\",\"startAt\":\"beginning\",\"filter\":{\"services\":[\"handover\"]}}");
            writer.join();
            awaitHead(id, 1);
            write("handover-after", 4, 2, "handover", expected);
            int facts = expected.values().stream().mapToInt(List::size).sum();

            WebhookReceiver.assertCompleteAndOrdered(behind.awaitAccepted(d -> distinct(d) >= facts, PATIENCE), expected);
            WebhookReceiver.assertCompleteAndOrdered(receiver.awaitAccepted(d -> distinct(d) >= facts, PATIENCE), expected);
        }
    }

    @Test
    void differentIncidentsAreDeliveredAtOnceEachInOrder() throws Exception {
        receiver.delay(Duration.ofMillis(150));
        subscribe("{\"url\":\"" + receiver.url() + "\",\"filter\":{\"services\":[\"lanes\"]}}");
        Map<String, List<Long>> expected = new java.util.concurrent.ConcurrentHashMap<>();
        write("lanes", 8, 2, "lanes", expected);

        List<Delivery> got = receiver.awaitAccepted(d -> distinct(d) >= 24, PATIENCE);

        WebhookReceiver.assertCompleteAndOrdered(got, expected);
        assertThat(receiver.mostAtOnce()).as("requests under way at once").isGreaterThan(1);
    }

    @Test
    void aSlowReceiverReadsOnByItselfAndHoldsNoOtherUp() throws Exception {
        try (WebhookReceiver slow = new WebhookReceiver()) {
            slow.delay(Duration.ofSeconds(1));
            String slowId = subscribe(slow, "{\"url\":\"" + slow.url() + "\",\"filter\":{\"services\":[\"slowpoke\"]}}");
            String fastId = subscribe("{\"url\":\"" + receiver.url() + "\",\"filter\":{\"services\":[\"slowpoke\"]}}");
            awaitHead(slowId, 1);
            awaitHead(fastId, 1);
            Map<String, List<Long>> expected = new java.util.concurrent.ConcurrentHashMap<>();
            write("slowpoke", 4, 9, "slowpoke", expected);

            WebhookReceiver.assertCompleteAndOrdered(receiver.awaitAccepted(d -> distinct(d) >= 40, PATIENCE), expected);
            assertThat(distinct(slow.accepted())).as("the slow receiver's deliveries so far").isLessThan(40);
            // More than its backlog behind: the shared reader dropped it, and it reads on by itself.
            awaitHead(slowId, 0);
            awaitHead(fastId, 1);

            slow.delay(Duration.ZERO);
            WebhookReceiver.assertCompleteAndOrdered(slow.awaitAccepted(d -> distinct(d) >= 40, PATIENCE), expected);
            awaitHead(slowId, 1);
        }
    }

    /** Creates a subscription from {@code body} and tells the receiver its secret. */
    private String subscribe(String body) {
        return subscribe(receiver, body);
    }

    private String subscribe(WebhookReceiver to, String body) {
        Answer created = client.post("/api/v1/subscriptions", body, Tokens.ADMIN);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.location()).endsWith("/api/v1/subscriptions/" + created.json().path("subscriptionId").asText());
        to.expectSecret(created.json().path("secret").asText());
        subscriptions.add(created.json().path("subscriptionId").asText());
        return created.json().path("subscriptionId").asText();
    }

    /** Opens {@code incidents} incidents of {@code service}, each with {@code notes} notes, and expects their facts. */
    private void write(String prefix, int incidents, int notes, String service, Map<String, List<Long>> expected) {
        for (int i = 0; i < incidents; i++) {
            String incident = prefix + "-" + i;
            assertThat(client.post("/api/v1/incidents", "{\"incidentId\":\"" + incident + "\",\"title\":\"" + prefix
                    + "\",\"severity\":\"SEV3\",\"affectedServices\":[\"" + service + "\"]}", Tokens.RESPONDER).status())
                    .isEqualTo(201);
            List<Long> sequences = new ArrayList<>(List.of(0L));
            for (int n = 1; n <= notes; n++) {
                assertThat(client.post("/api/v1/incidents/" + incident + "/notes", "{\"text\":\"note " + n + "\"}",
                        Tokens.RESPONDER).status()).isEqualTo(201);
                sequences.add((long) n);
            }
            expected.put(incident, sequences);
        }
    }

    /** The subscription's {@code blackbox_subscriptions_head} gauge: 1 while it follows the shared reader. */
    private int head(String id) {
        java.util.regex.Matcher gauge = java.util.regex.Pattern
                .compile("blackbox_subscriptions_head\\{subscription=\"" + id + "\"\\} ([0-9.]+)")
                .matcher(client.get("/actuator/prometheus", Tokens.ADMIN).body());
        return gauge.find() ? (int) Double.parseDouble(gauge.group(1)) : -1;
    }

    private void awaitHead(String id, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (head(id) != expected) {
            assertThat(Instant.now()).as("subscription %s's head gauge to become %d", id, expected).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private static long distinct(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::webhookId).distinct().count();
    }

    /** The sequences of the incident's timeline once it has {@code count} entries, in store order. */
    private List<Long> timeline(String incidentId, int count) {
        JsonNode timeline = await("/api/v1/incidents/" + incidentId + "/timeline",
                t -> t.path("entries").size() == count);
        List<Long> sequences = new ArrayList<>();
        timeline.path("entries").forEach(entry -> sequences.add(entry.path("sequence").asLong()));
        sequences.sort(Long::compare);
        return sequences;
    }

    private static long facts(List<Delivery> deliveries, String incidentId) {
        return deliveries.stream().map(Delivery::json).filter(json -> json.path("incidentId").asText().equals(incidentId))
                .map(json -> json.path("sequence").asLong()).distinct().count();
    }
}
