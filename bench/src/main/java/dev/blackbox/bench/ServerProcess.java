package dev.blackbox.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Blackbox server the benchmark starts and restarts itself, when the measurement includes a restart:
 * the packaged jar in its own JVM, on a data directory that outlives each process.
 */
final class ServerProcess implements AutoCloseable {

    private static final long START_TIMEOUT_MILLIS = 120_000;

    private final Path jar;
    private final List<String> jvmOptions;
    private final List<String> args;
    private final Path dataDir;
    private final String token;
    private final int port;
    private Process process;

    ServerProcess(Path jar, List<String> jvmOptions, List<String> args, Path dataDir, String token)
            throws IOException {
        this.jar = jar;
        this.jvmOptions = jvmOptions;
        this.args = args;
        this.dataDir = dataDir;
        this.token = token;
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        }
    }

    URI url() {
        return URI.create("http://localhost:" + port);
    }

    /** Starts the server and returns once it answers, in milliseconds since the JVM was launched. */
    long start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + port,
                "--blackbox.data-dir=" + dataDir,
                "--blackbox.security.tokens[0].name=bench",
                "--blackbox.security.tokens[0].role=responder",
                "--blackbox.security.tokens[0].secret=" + token));
        command.addAll(args);
        long launched = System.nanoTime();
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()))
                .start();
        long deadline = launched + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        try (HttpConnection connection = new HttpConnection(url(), token)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server exited with " + process.exitValue()
                            + "; see " + dataDir.resolve("server.log"));
                }
                try {
                    if (connection.get("/actuator/health").status() == 200) {
                        return (System.nanoTime() - launched) / 1_000_000;
                    }
                } catch (IOException notYet) {
                    connection.close();
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the server did not start within " + START_TIMEOUT_MILLIS + " ms");
    }

    /** Stops the server the way an operator would (SIGTERM), so the restart finds a cleanly closed store. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
