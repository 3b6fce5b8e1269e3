package dev.blackbox.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackbox.app.e2e.BlackboxClient.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole Blackbox on a random port with its own data directory and the test tokens, driven over
 * real HTTP. Each test class gets a fresh installation, closed when the class is done.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class EndToEndTest {

    /** How long anything asynchronous may take on a loaded two-core build machine. */
    static final Duration PROJECTION_PATIENCE = Duration.ofSeconds(40);

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("blackbox.data-dir", dataDir::toString);
        for (String property : Tokens.PROPERTIES) {
            String[] pair = property.split("=", 2);
            registry.add(pair[0], () -> pair[1]);
        }
    }

    @LocalServerPort
    int port;

    BlackboxClient client;

    @BeforeEach
    void connect() {
        client = new BlackboxClient(port);
    }

    /** Projections run behind the command side; reads are polled until they show what was sent. */
    JsonNode await(String path, Predicate<JsonNode> until) {
        Instant deadline = Instant.now().plus(PROJECTION_PATIENCE);
        Answer answer;
        do {
            answer = client.get(path, Tokens.ADMIN);
            if (answer.status() == 200 && until.test(answer.json())) {
                return answer.json();
            }
            pause();
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no answer as expected from " + path + " within " + PROJECTION_PATIENCE.toSeconds()
                + " s; last: " + answer.body());
    }

    /**
     * The Markdown postmortem once it satisfies {@code until}, or as it last read when patience ran
     * out so that the caller's assertion says what was missing.
     */
    String awaitPostmortem(String incidentId, Predicate<String> until) {
        Instant deadline = Instant.now().plus(PROJECTION_PATIENCE);
        String markdown;
        do {
            markdown = client.get("/api/v1/incidents/" + incidentId + "/postmortem", Tokens.VIEWER).body();
            if (until.test(markdown)) {
                return markdown;
            }
            pause();
        } while (Instant.now().isBefore(deadline));
        return markdown;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
