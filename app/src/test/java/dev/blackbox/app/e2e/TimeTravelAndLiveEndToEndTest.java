package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import dev.blackbox.query.timeline.FindTimeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Replays over real HTTP: an incident as it stood at earlier instants ({@code ?asOf=}), and its
 * timeline followed live over Server-Sent Events while commands are sent, read line by line the
 * way a dashboard or {@code curl -N} would.
 */
@ExtendWith(OutputCaptureExtension.class)
class TimeTravelAndLiveEndToEndTest extends EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LB = "lb-misconfig-2024-01-24";

    @DynamicPropertySource
    static void heartbeat(DynamicPropertyRegistry registry) {
        // Frequent heartbeats notice a departed follower within a fraction of a second.
        registry.add("blackbox.live.heartbeat", () -> "200ms");
    }

    @Autowired
    QueryUpdateEmitter queryUpdateEmitter;

    @Test
    void theLoadBalancerOutageAsItStoodAtSeveralInstants() {
        Scenario scenario = Scenario.of(LB);
        scenario.steps().forEach(step -> assertThat(client.send(LB, step, Tokens.RESPONDER).status()).isBetween(200, 299));
        // The detail joins two read models: wait until both the summary and the investigation are done.
        JsonNode now = await("/api/v1/incidents/" + LB, d -> d.path("correctiveActionCount").asInt() == 4
                && d.path("investigation").path("rootCause").has("summary"));

        JsonNode at1500 = detail("2024-01-24T15:00:00Z");
        JsonNode at1700 = detail("2024-01-24T17:00:00Z");
        JsonNode at1730 = detail("2024-01-24T17:30:00Z");
        JsonNode at1830 = detail("2024-01-24T18:30:00Z");

        assertThat(at1500.get("status").asText()).isEqualTo("OPEN");
        assertThat(at1500.get("acknowledgedAt").isNull()).isTrue();
        assertThat(at1500.get("investigation").get("hypotheses")).isEmpty();

        assertThat(hypotheses(at1700)).containsExactly(
                "h-db-failure RULED_OUT", "h-lb-config OPEN", "h-slow-queries OPEN");
        assertThat(at1700.get("escalationCount").asInt()).isEqualTo(1);
        assertThat(at1700.get("investigation").get("escalations").get(0).get("target").asText()).isEqualTo("database-team");
        assertThat(at1700.get("investigation").get("misleadingPaths")).hasSize(2);
        assertThat(at1700.get("rootCause").isNull()).isTrue();

        assertThat(hypotheses(at1730)).containsExactly(
                "h-db-failure RULED_OUT", "h-lb-config OPEN", "h-slow-queries RULED_OUT");
        assertThat(at1730.get("escalationCount").asInt()).isEqualTo(2);
        assertThat(at1730.get("status").asText()).isEqualTo("OPEN");

        assertThat(at1830.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(at1830.get("rootCauseCategory").asText()).isEqualTo("CONFIGURATION");
        assertThat(at1830.get("correctiveActionCount").asInt()).isZero();

        assertThat(detail("2030-01-01T00:00:00Z")).isEqualTo(now);
    }

    @Test
    void theTimelineAsOfAnInstantEndsWithWhatHadHappenedByThen() {
        client.post("/api/v1/incidents", """
                {"incidentId":"tt-1","title":"Checkout is slow","severity":"SEV3","occurredAt":"2024-03-01T10:00:00Z"}""",
                Tokens.RESPONDER);
        client.post("/api/v1/incidents/tt-1/escalations", """
                {"escalationTarget":"payments","reason":"card errors","occurredAt":"2024-03-01T10:20:00Z"}""",
                Tokens.RESPONDER);
        client.post("/api/v1/incidents/tt-1/acknowledgements", """
                {"responder":"alice","occurredAt":"2024-03-01T10:05:00Z"}""", Tokens.RESPONDER);

        Answer at1010 = client.get("/api/v1/incidents/tt-1/timeline?asOf=2024-03-01T10:10:00Z", Tokens.VIEWER);
        Answer at1020 = client.get("/api/v1/incidents/tt-1/timeline?asOf=2024-03-01T10:20:00Z", Tokens.VIEWER);

        assertThat(kinds(at1010.json())).containsExactly("DETECTED", "ACKNOWLEDGED");
        assertThat(kinds(at1020.json())).containsExactly("DETECTED", "ACKNOWLEDGED", "ESCALATED");
        assertThat(at1020.json().get("entries").get(1).get("sequence").asLong()).isEqualTo(2);
    }

    @Test
    void aBadInstantIsA400AndAnIncidentNotDetectedYetIsA404() {
        client.post("/api/v1/incidents", """
                {"incidentId":"tt-2","title":"Search is down","severity":"SEV2","occurredAt":"2024-03-02T09:00:00Z"}""",
                Tokens.RESPONDER);

        Answer bad = client.get("/api/v1/incidents/tt-2?asOf=yesterday", Tokens.VIEWER);
        Answer badTimeline = client.get("/api/v1/incidents/tt-2/timeline?asOf=2024-13-01T00:00:00Z", Tokens.VIEWER);
        Answer before = client.get("/api/v1/incidents/tt-2?asOf=2024-03-02T08:59:59Z", Tokens.VIEWER);
        Answer timelineBefore = client.get("/api/v1/incidents/tt-2/timeline?asOf=2024-03-02T08:59:59Z", Tokens.VIEWER);
        Answer unknown = client.get("/api/v1/incidents/no-such-incident?asOf=2024-03-02T10:00:00Z", Tokens.VIEWER);
        Answer atDetection = client.get("/api/v1/incidents/tt-2?asOf=2024-03-02T09:00:00Z", Tokens.VIEWER);

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().get("parameter").asText()).isEqualTo("asOf");
        assertThat(badTimeline.status()).isEqualTo(400);
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.contentType()).startsWith("application/problem+json");
        assertThat(before.json().get("asOf").asText()).isEqualTo("2024-03-02T08:59:59Z");
        assertThat(timelineBefore.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(atDetection.status()).isEqualTo(200);
        assertThat(atDetection.json().get("title").asText()).isEqualTo("Search is down");
    }

    @Test
    void aFollowerGetsTheTimelineSoFarThenEachEntryInOrderAsCommandsAreSent() throws Exception {
        client.post("/api/v1/incidents", """
                {"incidentId":"live-1","title":"Payments fail","severity":"SEV1","occurredAt":"2024-04-01T12:00:00Z"}""",
                Tokens.RESPONDER);
        await("/api/v1/incidents/live-1/timeline", t -> t.path("entries").size() == 1);

        try (Follower follower = new Follower("live-1", Tokens.VIEWER)) {
            assertThat(follower.status()).isEqualTo(200);
            assertThat(follower.contentType()).startsWith("text/event-stream");
            SseEvent detected = follower.nextEntry();
            assertThat(detected.id()).isEqualTo("0");
            assertThat(detected.data().get("kind").asText()).isEqualTo("DETECTED");

            client.post("/api/v1/incidents/live-1/acknowledgements", "{\"occurredAt\":\"2024-04-01T12:02:00Z\"}",
                    Tokens.RESPONDER);
            client.post("/api/v1/incidents/live-1/hypotheses", """
                    {"hypothesisId":"h1","statement":"The card processor is down","occurredAt":"2024-04-01T12:05:00Z"}""",
                    Tokens.RESPONDER);
            // Back-filled: earlier than the hypothesis, yet streamed when it is recorded.
            client.post("/api/v1/incidents/live-1/notes", """
                    {"noteId":"n1","text":"A deploy went out at noon","occurredAt":"2024-04-01T12:01:00Z"}""",
                    Tokens.RESPONDER);
            client.post("/api/v1/incidents/live-1/hypotheses/h1/rule-out", """
                    {"evidence":"The processor's status page is green","occurredAt":"2024-04-01T12:10:00Z"}""",
                    Tokens.RESPONDER);

            List<SseEvent> entries = List.of(follower.nextEntry(), follower.nextEntry(), follower.nextEntry(),
                    follower.nextEntry());
            assertThat(entries).extracting(SseEvent::name).containsOnly("entry");
            assertThat(entries).extracting(SseEvent::id).containsExactly("1", "2", "3", "4");
            assertThat(entries).extracting(e -> e.data().get("kind").asText()).containsExactly(
                    "ACKNOWLEDGED", "HYPOTHESIS_RECORDED", "NOTE_ADDED", "HYPOTHESIS_RULED_OUT");
            assertThat(entries.get(3).data().get("text").asText())
                    .isEqualTo("Hypothesis ruled out: \"The card processor is down\" — The processor's status page is green");
            assertThat(follower.waitForHeartbeat()).isTrue();
        }
    }

    @Test
    void aFollowerThatJoinsLateStartsFromTheCurrentTimeline() throws Exception {
        client.post("/api/v1/incidents", """
                {"incidentId":"live-2","title":"Login fails","severity":"SEV2","occurredAt":"2024-04-02T08:00:00Z",
                 "impactStartedAt":"2024-04-02T07:50:00Z"}""",
                Tokens.RESPONDER);
        client.post("/api/v1/incidents/live-2/notes", """
                {"noteId":"n1","text":"Back-filled","occurredAt":"2024-04-02T07:55:00Z"}""", Tokens.RESPONDER);
        await("/api/v1/incidents/live-2/timeline", t -> t.path("entries").size() == 2);

        try (Follower follower = new Follower("live-2", Tokens.VIEWER)) {
            assertThat(List.of(follower.nextEntry().id(), follower.nextEntry().id())).containsExactly("1", "0");
            client.post("/api/v1/incidents/live-2/resolution", "{\"occurredAt\":\"2024-04-02T08:30:00Z\"}",
                    Tokens.RESPONDER);
            assertThat(follower.nextEntry().data().get("kind").asText()).isEqualTo("RESOLVED");
        }
    }

    @Test
    void aBotCanFollowTheIncidentItOpenedAMomentAgo() throws Exception {
        client.post("/api/v1/incidents", """
                {"incidentId":"live-4","title":"Uploads fail","severity":"SEV2"}""", Tokens.RESPONDER);

        try (Follower follower = new Follower("live-4", Tokens.VIEWER)) {
            assertThat(follower.status()).isEqualTo(200);
            assertThat(follower.nextEntry().data().get("kind").asText()).isEqualTo("DETECTED");
        }
    }

    @Test
    void aFollowerThatLeavesEndsItsSubscription() throws Exception {
        client.post("/api/v1/incidents", """
                {"incidentId":"live-3","title":"Search is slow","severity":"SEV3"}""", Tokens.RESPONDER);
        await("/api/v1/incidents/live-3/timeline", t -> t.path("entries").size() == 1);
        assertThat(subscriptionsTo("live-3")).isZero();

        Follower follower = new Follower("live-3", Tokens.VIEWER);
        follower.nextEntry();
        assertThat(subscriptionsTo("live-3")).isEqualTo(1);
        assertThat(liveFollowers()).isPositive();
        follower.close();

        assertThat(eventually(() -> subscriptionsTo("live-3") == 0)).as("subscription cancelled").isTrue();
        assertThat(eventually(() -> liveFollowers() == 0)).as("stream ended").isTrue();
        Answer afterwards = client.post("/api/v1/incidents/live-3/notes", "{\"noteId\":\"n1\",\"text\":\"still fine\"}",
                Tokens.RESPONDER);
        assertThat(afterwards.status()).isBetween(200, 299);
        await("/api/v1/incidents/live-3/timeline", t -> t.path("entries").size() == 2);
    }

    @Test
    void aReaderWhoLeavesARoomsLiveTimelineLeavesNoErrorBehind(CapturedOutput output) throws Exception {
        client.post("/api/v1/incidents", """
                {"incidentId":"live-4","title":"Uploads stall","severity":"SEV3"}""", Tokens.RESPONDER);
        await("/api/v1/incidents/live-4/timeline", t -> t.path("entries").size() == 1);

        // After the detection's entry, so that only heartbeats (comments) come: the room's entries are HTML.
        Follower reader = new Follower("/incidents/live-4/live?after=1", Map.of("Cookie", client.signIn(Tokens.VIEWER)));
        assertThat(reader.status()).isEqualTo(200);
        assertThat(reader.waitForHeartbeat()).as("heartbeat on the room's stream").isTrue();
        reader.close();

        // The next heartbeat or entry finds the reader gone and ends the stream: that is no failure.
        assertThat(eventually(() -> subscriptionsTo("live-4") == 0)).as("subscription cancelled").isTrue();
        client.post("/api/v1/incidents/live-4/notes", "{\"noteId\":\"n1\",\"text\":\"nobody reads this live\"}",
                Tokens.RESPONDER);
        await("/api/v1/incidents/live-4/timeline", t -> t.path("entries").size() == 2);
        assertThat(output).doesNotContain("Request failed unexpectedly");
    }

    @Test
    void followingAnUnknownIncidentIsA404ProblemAndViewersMayFollow() throws Exception {
        Answer unknown = client.exchange("GET", "/api/v1/incidents/no-such-incident/live", null, Tokens.VIEWER,
                Map.of("Accept", "text/event-stream"));
        Answer anonymous = client.exchange("GET", "/api/v1/incidents/no-such-incident/live", null, null,
                Map.of("Accept", "text/event-stream"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("incidentId").asText()).isEqualTo("no-such-incident");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(subscriptionsTo("no-such-incident")).isZero();
    }

    private JsonNode detail(String asOf) {
        Answer answer = client.get("/api/v1/incidents/" + LB + "?asOf=" + asOf, Tokens.VIEWER);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> hypotheses(JsonNode detail) {
        List<String> statuses = new ArrayList<>();
        detail.get("investigation").get("hypotheses").forEach(h ->
                statuses.add(h.get("hypothesisId").asText() + " " + h.get("status").asText()));
        return statuses;
    }

    private static List<String> kinds(JsonNode timeline) {
        List<String> kinds = new ArrayList<>();
        timeline.get("entries").forEach(entry -> kinds.add(entry.get("kind").asText()));
        return kinds;
    }

    private long subscriptionsTo(String incidentId) {
        return queryUpdateEmitter.activeSubscriptions().stream()
                .filter(query -> query.getPayload() instanceof FindTimeline find && find.incidentId().equals(incidentId))
                .count();
    }

    /** The gauge operators see at /actuator/metrics/blackbox.live.followers. */
    private double liveFollowers() {
        Answer gauge = client.get("/actuator/metrics/blackbox.live.followers", Tokens.ADMIN);
        assertThat(gauge.status()).as(gauge.body()).isEqualTo(200);
        return gauge.json().get("measurements").get(0).get("value").asDouble();
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PROJECTION_PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }


    /** One Server-Sent Event: a comment (heartbeat) has no name and no data. */
    record SseEvent(String name, String id, JsonNode data, String comment) {
    }

    /** A client on {@code GET /live} with the JDK's HTTP client, reading events on a thread of its own. */
    final class Follower implements AutoCloseable {

        private final HttpResponse<Stream<String>> response;
        private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();

        Follower(String incidentId, String token) throws IOException, InterruptedException {
            this("/api/v1/incidents/" + incidentId + "/live", Map.of("Authorization", "Bearer " + token));
        }

        /** Follows {@code path} with {@code headers}: the API's stream, or a room's with a session cookie. */
        Follower(String path, Map<String, String> headers) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", "text/event-stream");
            headers.forEach(request::header);
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
            Thread thread = new Thread(this::read, "sse-follower-" + path);
            thread.setDaemon(true);
            thread.start();
        }

        int status() {
            return response.statusCode();
        }

        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        /** The next entry, skipping heartbeats. Entries come from the timeline processor, which may lag. */
        SseEvent nextEntry() throws InterruptedException {
            Instant deadline = Instant.now().plus(PROJECTION_PATIENCE);
            while (Instant.now().isBefore(deadline)) {
                SseEvent event = events.poll(100, TimeUnit.MILLISECONDS);
                if (event != null && event.name() != null) {
                    return event;
                }
            }
            throw new AssertionError("no entry within " + PROJECTION_PATIENCE.toSeconds() + " s");
        }

        boolean waitForHeartbeat() throws InterruptedException {
            Instant deadline = Instant.now().plus(PROJECTION_PATIENCE);
            while (Instant.now().isBefore(deadline)) {
                SseEvent event = events.poll(100, TimeUnit.MILLISECONDS);
                if (event != null && event.comment() != null) {
                    return true;
                }
            }
            return false;
        }

        private void read() {
            String name = null;
            String id = null;
            String data = null;
            try {
                for (String line : (Iterable<String>) response.body()::iterator) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("data:")) {
                        data = line.substring(5);
                    } else if (line.startsWith(":")) {
                        events.add(new SseEvent(null, null, null, line.substring(1)));
                    } else if (line.isEmpty() && data != null) {
                        events.add(new SseEvent(name, id, JSON.readTree(data), null));
                        name = null;
                        id = null;
                        data = null;
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // The stream ends when the test closes it.
            }
        }

        @Override
        public void close() {
            response.body().close();
        }
    }
}
