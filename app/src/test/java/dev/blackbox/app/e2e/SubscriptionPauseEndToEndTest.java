package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A subscription whose receiver keeps failing is paused after {@code pause-after}, shown and kept
 * rather than dropped, and delivers what it holds once resumed. A context of its own, because the
 * other subscription tests ride out receiver outages longer than the short pause used here.
 */
class SubscriptionPauseEndToEndTest extends EndToEndTest {

    @DynamicPropertySource
    static void subscriptions(DynamicPropertyRegistry registry) {
        registry.add("blackbox.subscriptions.allow-private-targets", () -> "true");
        registry.add("blackbox.subscriptions.initial-backoff", () -> "100ms");
        registry.add("blackbox.subscriptions.max-backoff", () -> "300ms");
        registry.add("blackbox.subscriptions.pause-after", () -> "2s");
    }

    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aSubscriptionFailingForPauseAfterIsPausedKeptAndDeliversOnceResumed() throws Exception {
        Answer created = client.post("/api/v1/subscriptions", "{\"url\":\"" + receiver.url() + "\","
                + "\"filter\":{\"incidentIds\":[\"paused-1\"],\"kinds\":[\"DETECTED\"]}}", Tokens.ADMIN);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("subscriptionId").asText();
        receiver.expectSecret(created.json().path("secret").asText());
        receiver.answer(WebhookReceiver.Answer.FAIL);

        client.detect("paused-1", Tokens.RESPONDER);

        JsonNode paused = await("/api/v1/subscriptions/" + id, s -> s.path("state").asText().equals("paused"));
        assertThat(paused.path("pausedAt").asText()).isNotEmpty();
        assertThat(paused.path("lastError").asText()).contains("503");
        assertThat(client.get("/api/v1/subscriptions", Tokens.ADMIN).body()).contains(id);
        // Paused means no more attempts: the receiver hears nothing while it stays paused.
        int attempts = receiver.deliveries().size();
        Thread.sleep(1_000);
        assertThat(receiver.deliveries()).hasSize(attempts);

        receiver.answer(WebhookReceiver.Answer.ACCEPT);
        assertThat(client.post("/api/v1/subscriptions/" + id + "/resume", null, Tokens.ADMIN).status()).isEqualTo(202);

        JsonNode delivered = receiver.awaitAccepted(got -> !got.isEmpty(), Duration.ofSeconds(30)).get(0).json();
        assertThat(delivered.path("incidentId").asText()).isEqualTo("paused-1");
        assertThat(delivered.path("type").asText()).isEqualTo("IssueDetected");
        await("/api/v1/subscriptions/" + id, s -> s.path("state").asText().equals("active"));
        client.exchange("DELETE", "/api/v1/subscriptions/" + id, null, Tokens.ADMIN, Map.of());
    }
}
