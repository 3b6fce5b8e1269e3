package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.boot.web.context.WebServerPortFileWriter;

/** The packaged jar run as its own process on a data directory, as users run it; for the tests that kill it. */
final class RunningJar {

    private static final String PORT_FILE = "server.port";
    private static final long START_TIMEOUT_MILLIS = 120_000;

    private RunningJar() {
    }

    /**
     * Starts the jar on a port Tomcat picks when it binds, and waits until it answers. A port picked
     * by the test beforehand could be taken by any process on the machine before the server, slow to
     * start, binds it; and again between the kill and the restart.
     */
    static Process start(Path dataDir, String... properties) throws IOException, InterruptedException {
        // A killed server leaves its port file behind.
        Files.deleteIfExists(dataDir.resolve(PORT_FILE));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("blackbox.jar", "target/blackbox.jar"),
                "--server.port=0",
                // Spring Boot's port file writer, added as a bean: it writes the bound port to PORTFILE.
                "--spring.main.sources=" + WebServerPortFileWriter.class.getName(),
                "--blackbox.data-dir=" + dataDir));
        for (String property : Tokens.PROPERTIES) {
            command.add("--" + property);
        }
        for (String property : properties) {
            command.add("--" + property);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
        builder.environment().put("PORTFILE", dataDir.resolve(PORT_FILE).toString());
        Process process = builder.start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            assertThat(process.isAlive()).as("server running; log: %s", log(dataDir)).isTrue();
            OptionalInt port = port(dataDir);
            try {
                if (port.isPresent()
                        && new BlackboxClient(port.getAsInt()).get("/actuator/health", null).status() == 200) {
                    return process;
                }
            } catch (UncheckedIOException notYet) {
                // Bound, but not answering yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server did not start; log: " + log(dataDir));
    }

    /** The port the running server bound, once it has written it down. */
    static OptionalInt port(Path dataDir) throws IOException {
        Path file = dataDir.resolve(PORT_FILE);
        String written = Files.exists(file) ? Files.readString(file).strip() : "";
        return written.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(written));
    }

    /** What the server wrote, for a failure's message: the data directory goes when the test ends. */
    static String log(Path dataDir) {
        Path log = dataDir.resolve("server.log");
        try {
            return Files.exists(log) ? Files.readString(log) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
