package dev.blackbox.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.app.BlackboxApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Threads that work in the embedded database are interrupted when they are told to stop (a
 * subscription's lanes when it is paused, say). On H2's default file system an interrupt in the
 * middle of a read closes the file, and H2 then closes the whole database: every later command
 * fails until the process restarts.
 */
class InterruptedReaderTest {

    private static final String RESPONDER = "responder-secret-for-tests";
    private static final int ROWS = 20_000;

    @TempDir
    Path dataDir;

    @Test
    void aReaderInterruptedWhileReadingTheFileLeavesTheStoreOpen() throws Exception {
        try (ConfigurableApplicationContext first = start()) {
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            jdbc.execute("CREATE TABLE interrupted_probe (id INT PRIMARY KEY, body VARCHAR(1000))");
            jdbc.batchUpdate("INSERT INTO interrupted_probe VALUES (?, ?)", IntStream.range(0, ROWS)
                    .mapToObj(id -> new Object[] {id, "x".repeat(500)}).toList());
        }
        // Started again, the process has read nothing of the probe yet: its pages come from the file.
        try (ConfigurableApplicationContext second = start()) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            AtomicReference<Object> read = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    read.set(jdbc.queryForObject("SELECT COUNT(*) FROM interrupted_probe WHERE body LIKE 'x%'", Integer.class));
                } catch (RuntimeException e) {
                    read.set(e);
                }
            });
            reader.start();
            reader.join();

            assertThat(post(second, "/api/v1/incidents", "{\"title\":\"Checkout fails\",\"severity\":\"SEV2\"}"))
                    .as("a command after the interrupted read").isEqualTo(201);
            assertThat(read.get()).as("the interrupted read").isEqualTo(ROWS);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BlackboxApplication.class).run(
                "--blackbox.data-dir=" + dataDir,
                "--server.port=0",
                "--blackbox.security.tokens[0].name=alert-bot",
                "--blackbox.security.tokens[0].role=responder",
                "--blackbox.security.tokens[0].secret=" + RESPONDER);
    }

    private static int post(ConfigurableApplicationContext context, String path, String json) throws Exception {
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + RESPONDER)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
