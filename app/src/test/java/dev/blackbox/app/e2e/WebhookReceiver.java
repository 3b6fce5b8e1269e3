package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on a real HTTP server, as a team's tool would run one: it checks each delivery's
 * Standard Webhooks signature with the subscription's secret and keeps every delivery it was sent,
 * answering as the test tells it to (accept, fail with 503, refuse with 400).
 */
final class WebhookReceiver implements AutoCloseable {

    enum Answer {
        ACCEPT(204), FAIL(503), REFUSE(400);

        final int status;

        Answer(int status) {
            this.status = status;
        }
    }

    /** One request as it arrived, with whether its signature was right and what it was answered. */
    record Delivery(String webhookId, long timestamp, String signature, String body, boolean signedRight,
            int answeredWith, Instant receivedAt) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile byte[] key;
    private final CountDownLatch keyKnown = new CountDownLatch(1);
    private volatile Answer answer = Answer.ACCEPT;
    private volatile Duration delay = Duration.ZERO;
    private final AtomicInteger atOnce = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::receive);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    void expectSecret(String whsec) {
        key = Base64.getDecoder().decode(whsec.substring("whsec_".length()));
        keyKnown.countDown();
    }

    void answer(Answer answer) {
        this.answer = answer;
    }

    /** Takes this long over each request from now on, as a busy receiver does. */
    void delay(Duration delay) {
        this.delay = delay;
    }

    /** The most requests that were under way at the same time. */
    int mostAtOnce() {
        return mostAtOnce.get();
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Deliveries that were answered 2xx, in the order they arrived. */
    List<Delivery> accepted() {
        return deliveries.stream().filter(d -> d.answeredWith() < 300).toList();
    }

    /** Waits until the accepted deliveries satisfy {@code until}. */
    List<Delivery> awaitAccepted(Predicate<List<Delivery>> until, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (until.test(accepted())) {
                return accepted();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the receiver did not get what was expected within " + patience.toSeconds()
                + " s; it got " + accepted().size() + " deliveries: "
                + accepted().stream().map(Delivery::body).toList());
    }

    /**
     * Every delivery signed right; per incident the facts arrive in sequence order, none missing
     * ({@code expected} holds each incident's sequences); a fact delivered again carries the same
     * {@code webhook-id} and body.
     */
    static void assertCompleteAndOrdered(List<Delivery> deliveries, Map<String, List<Long>> expected) {
        assertThat(deliveries).allSatisfy(d -> assertThat(d.signedRight()).as("signature of %s", d.webhookId()).isTrue());
        Map<String, String> bodyById = new HashMap<>();
        Map<String, List<Long>> firstSeen = new LinkedHashMap<>();
        Map<String, String> idBySequence = new HashMap<>();
        for (Delivery d : deliveries) {
            JsonNode json = d.json();
            String incident = json.path("incidentId").asText();
            long sequence = json.path("sequence").asLong();
            String previous = bodyById.putIfAbsent(d.webhookId(), d.body());
            assertThat(previous == null || previous.equals(d.body())).as("same body for repeated %s", d.webhookId())
                    .isTrue();
            String knownId = idBySequence.putIfAbsent(incident + "#" + sequence, d.webhookId());
            assertThat(knownId == null || knownId.equals(d.webhookId()))
                    .as("fact %s#%d delivered again under the same webhook-id", incident, sequence).isTrue();
            List<Long> seen = firstSeen.computeIfAbsent(incident, i -> new ArrayList<>());
            if (!seen.contains(sequence)) {
                seen.add(sequence);
            }
        }
        expected.forEach((incident, sequences) ->
                assertThat(firstSeen.getOrDefault(incident, List.of())).as("facts of %s in order", incident)
                        .containsExactlyElementsOf(sequences));
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String body = new String(bytes, StandardCharsets.UTF_8);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        awaitKey();
        boolean right = id != null && timestamp != null && signature != null && key != null
                && signature.equals("v1," + sign(id + "." + timestamp + "." + body));
        Answer now = answer;
        mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            atOnce.decrementAndGet();
        }
        deliveries.add(new Delivery(id, timestamp == null ? 0 : Long.parseLong(timestamp), signature, body, right,
                now.status, Instant.now()));
        exchange.sendResponseHeaders(now.status, -1);
        exchange.close();
    }

    /**
     * A subscription that starts at the beginning delivers as soon as it is created, and may do so
     * before the test has read its secret from the answer and passed it on.
     */
    private void awaitKey() {
        try {
            keyKnown.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String sign(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
