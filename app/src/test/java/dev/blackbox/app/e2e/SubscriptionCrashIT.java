package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.app.e2e.BlackboxClient.Answer;
import dev.blackbox.app.e2e.WebhookReceiver.Delivery;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar is killed with SIGKILL while it delivers to a subscriber and bots keep sending.
 * After the restart the subscriber has every fact of every incident, in order per incident, each
 * signed; a fact delivered twice (sent before the kill, its progress not yet saved) carries the same
 * {@code webhook-id} both times. Run by failsafe after {@code package}.
 */
class SubscriptionCrashIT {

    private static final int BOTS = 4;
    private static final int DELIVERED_BEFORE_KILL = 200;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String ALLOW_RECEIVER = "blackbox.subscriptions.allow-private-targets=true";

    @TempDir
    Path dataDir;

    private Process server;
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor();
        }
        receiver.close();
    }

    @Test
    void afterAKillDuringDeliveryEveryFactArrivesInOrderAndRepeatsKeepTheirId() throws Exception {
        server = RunningJar.start(dataDir, ALLOW_RECEIVER);
        BlackboxClient client = new BlackboxClient(RunningJar.port(dataDir).orElseThrow());
        Answer created = client.post("/api/v1/subscriptions", "{\"url\":\"" + receiver.url() + "\"}", Tokens.ADMIN);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        receiver.expectSecret(created.json().path("secret").asText());

        List<Thread> bots = new ArrayList<>();
        for (int b = 0; b < BOTS; b++) {
            String incident = "crash-sub-" + b;
            Thread bot = new Thread(() -> sendUntilRefused(client, incident));
            bots.add(bot);
            bot.start();
        }
        receiver.awaitAccepted(d -> d.size() >= DELIVERED_BEFORE_KILL, PATIENCE);
        server.destroyForcibly();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isEqualTo(137);
        for (Thread bot : bots) {
            bot.join(TimeUnit.SECONDS.toMillis(60));
        }

        server = RunningJar.start(dataDir, ALLOW_RECEIVER);
        BlackboxClient restarted = new BlackboxClient(RunningJar.port(dataDir).orElseThrow());
        Map<String, List<Long>> expected = new HashMap<>();
        for (int b = 0; b < BOTS; b++) {
            String incident = "crash-sub-" + b;
            assertThat(restarted.post("/api/v1/incidents/" + incident + "/notes", "{\"text\":\"after the restart\"}",
                    Tokens.RESPONDER).status()).isEqualTo(201);
            int events = restarted.get("/api/v1/incidents/" + incident + "/events", Tokens.VIEWER).body().strip()
                    .split("\n").length;
            expected.put(incident, LongStream.range(0, events).boxed().toList());
        }

        List<Delivery> got = receiver.awaitAccepted(d -> expected.entrySet().stream()
                .allMatch(e -> sequences(d, e.getKey()) >= e.getValue().size()), PATIENCE);
        WebhookReceiver.assertCompleteAndOrdered(got, expected);
    }

    private static long sequences(List<Delivery> deliveries, String incidentId) {
        return deliveries.stream().map(Delivery::json).filter(json -> json.path("incidentId").asText().equals(incidentId))
                .map(json -> json.path("sequence").asLong()).distinct().count();
    }

    /** One bot: opens its incident, then adds notes until the server stops answering. */
    private static void sendUntilRefused(BlackboxClient client, String incident) {
        try {
            if (client.post("/api/v1/incidents", """
                    {"incidentId":"%s","title":"Disk full on the primary","severity":"SEV1"}""".formatted(incident),
                    Tokens.RESPONDER).status() != 201) {
                return;
            }
            for (int n = 0; ; n++) {
                if (client.post("/api/v1/incidents/" + incident + "/notes", "{\"text\":\"Free space " + n + "\"}",
                        Tokens.RESPONDER).status() != 201) {
                    return;
                }
            }
        } catch (UncheckedIOException serverGone) {
            // The kill: requests in flight have no answer.
        }
    }
}
