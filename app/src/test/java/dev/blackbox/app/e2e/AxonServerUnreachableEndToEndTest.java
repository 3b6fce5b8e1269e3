package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.app.e2e.BlackboxClient.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A command process on the axonserver profile with Axon Server out of reach: a port on the loopback
 * interface that nothing listens on. Every command goes through Axon Server there, so each is answered
 * 503 with a {@code Retry-After}, a problem a client retries, and never a 500. (A query process does
 * not start on a fresh database without Axon Server, see {@code AxonServerProfileTest}; the failures
 * its queries get are those of {@code StoreUnavailabilityTest}.)
 */
@ActiveProfiles("axonserver")
class AxonServerUnreachableEndToEndTest extends EndToEndTest {

    @DynamicPropertySource
    static void unreachableAxonServer(DynamicPropertyRegistry registry) {
        registry.add("blackbox.mode", () -> "command");
        registry.add("axon.axonserver.servers", () -> "localhost:" + unusedPort());
    }

    @Test
    void commandsAreAnswered503WithRetryAfter() {
        assertUnavailable(client.post("/api/v1/incidents",
                "{\"incidentId\":\"unreachable-1\",\"title\":\"Checkout fails\",\"severity\":\"SEV2\"}",
                Tokens.RESPONDER));
        assertUnavailable(client.post("/api/v1/incidents/unreachable-1/notes",
                "{\"noteId\":\"n-1\",\"text\":\"Replica lag 40 s\"}", Tokens.RESPONDER));
    }

    static void assertUnavailable(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.header("Retry-After")).isNotBlank();
        assertThat(answer.json().path("title").asText()).isEqualTo("Store unavailable");
    }

    private static int unusedPort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
