package dev.blackbox.app.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus Alertmanager in a process of its own, on a free loopback port, routing every
 * alert to one Blackbox receiver. Clustering is off and its state lives in the given folder; closing
 * it ends the process.
 */
final class RunningAlertmanager implements AutoCloseable {

    /** Where Debian's {@code prometheus-alertmanager} package puts it; {@code BLACKBOX_ALERTMANAGER} names another. */
    private static final String DEBIAN_BINARY = "/usr/bin/prometheus-alertmanager";
    private static final Duration START_PATIENCE = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningAlertmanager(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** The Alertmanager binary of this machine, or null when it has none. */
    static Path binary() {
        String configured = System.getenv("BLACKBOX_ALERTMANAGER");
        Stream<Path> candidates = configured != null && !configured.isBlank()
                ? Stream.of(Path.of(configured))
                : Stream.concat(Stream.of(Path.of(DEBIAN_BINARY)),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "alertmanager")));
        return candidates.filter(Files::isExecutable).findFirst().orElse(null);
    }

    /**
     * Starts {@code binary} with a configuration that sends every alert group to {@code receiverUrl}
     * with {@code token}, a second after its first alert and a second after each change.
     */
    static RunningAlertmanager start(Path binary, Path folder, String receiverName, String receiverUrl, String token)
            throws IOException, InterruptedException {
        int port = freePort();
        Path config = folder.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: %s
                  group_by: ['alertname']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 4h
                receivers:
                  - name: %s
                    webhook_configs:
                      - url: '%s'
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: '%s'
                """.formatted(receiverName, receiverName, receiverUrl, token));
        Path storage = Files.createDirectories(folder.resolve("storage"));
        Path log = folder.resolve("alertmanager.log");
        Process process = new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + storage,
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=debug")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        RunningAlertmanager alertmanager = new RunningAlertmanager(process, log, port);
        try {
            alertmanager.awaitReady();
        } catch (RuntimeException | Error | InterruptedException e) {
            alertmanager.close();
            throw e;
        }
        return alertmanager;
    }

    /** Posts alerts to Alertmanager's API, as Prometheus does: a JSON array of alerts. */
    void post(String alertsJson) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alertsJson)).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("Alertmanager refused the alerts: " + response.statusCode() + " "
                    + response.body() + "\n" + log());
        }
    }

    /** What Alertmanager logged so far, for a failure's message. */
    String log() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "Alertmanager's log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "Alertmanager's log could not be read: " + e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(START_PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Alertmanager stopped with exit code " + process.exitValue() + "\n" + log());
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException notYet) {
                // still starting
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Alertmanager was not ready within " + START_PATIENCE.toSeconds() + " s\n" + log());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
