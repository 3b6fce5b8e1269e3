package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Threads that work in the embedded database are interrupted when they are told to stop (a
 * subscription's lanes when it is paused, say). On H2's default file system an interrupt in the
 * middle of a read closes the file, and H2 then closes the whole database: every later command
 * fails until the process restarts.
 */
class InterruptedReaderTest {

    private static final int ROWS = 20_000;

    @TempDir
    Path dataDir;

    @Test
    void aReaderInterruptedWhileReadingTheFileLeavesTheStoreOpen() throws Exception {
        try (ConfigurableApplicationContext first = Installations.start(dataDir)) {
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            jdbc.execute("CREATE TABLE interrupted_probe (id INT PRIMARY KEY, body VARCHAR(1000))");
            jdbc.batchUpdate("INSERT INTO interrupted_probe VALUES (?, ?)", IntStream.range(0, ROWS)
                    .mapToObj(id -> new Object[] {id, "x".repeat(500)}).toList());
        }
        // Started again, the process has read nothing of the probe yet: its pages come from the file.
        try (ConfigurableApplicationContext second = Installations.start(dataDir)) {
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

            assertThat(Installations.client(second).detect("after-the-interrupt", Tokens.RESPONDER).status())
                    .as("a command after the interrupted read").isEqualTo(201);
            assertThat(read.get()).as("the interrupted read").isEqualTo(ROWS);
        }
    }
}
