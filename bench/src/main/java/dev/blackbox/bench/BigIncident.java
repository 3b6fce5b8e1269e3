package dev.blackbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An incident that bots have fed for days: grows one incident to {@code --events} events, restarts
 * the server and times the first command on it, which has to load it from the store, then measures
 * command latency on it (each load replays the latest snapshot plus the events after it). The
 * restart comes before the load phase, which adds tens of thousands of events more.
 * The benchmark runs the server itself, since it must restart it.
 */
final class BigIncident {

    private BigIncident() {
    }

    static void run(Options options, Report report) throws Exception {
        boolean temporary = options.dataDir() == null;
        Path dataDir = temporary ? Files.createTempDirectory("blackbox-bench-big") : options.dataDir();
        Files.createDirectories(dataDir);
        String token = "bench-" + UUID.randomUUID();
        String incident = "big-" + UUID.randomUUID().toString().substring(0, 8);
        if (!temporary) {
            report.figure("server data directory", dataDir.toString());
        }
        try (ServerProcess server = new ServerProcess(options.serverJar(), options.serverJvmOptions(), options.serverArgs(),
                dataDir, token)) {
            Bench.progress("starting %s on %s", options.serverJar(), dataDir);
            server.start();
            grow(options, report, server, token, incident);

            Bench.progress("restarting the server");
            server.stop();
            long startMillis = server.start();
            report.figure("server start (ms)", startMillis);
            try (HttpConnection connection = new HttpConnection(server.url(), token)) {
                // A small incident first: the first request of a fresh JVM pays for class loading and
                // JIT of the whole HTTP and command path, which is not the cost of loading the incident.
                long small = timed(() -> connection.send("POST", "/api/v1/incidents", """
                        {"incidentId":"%s-small","title":"Warm-up after restart","severity":"SEV4"}"""
                        .formatted(incident)));
                report.figure("first command after restart, new incident (ms)", small / 1e6);
                long big = timed(() -> connection.send("POST", "/api/v1/incidents/" + incident + "/notes", """
                        {"noteId":"after-restart","text":"First note after the restart"}"""));
                report.figure("first command after restart, big incident (ms)", big / 1e6);
                long again = timed(() -> connection.send("POST", "/api/v1/incidents/" + incident + "/notes", """
                        {"noteId":"after-restart-2","text":"Second note after the restart"}"""));
                report.figure("second command after restart, big incident (ms)", again / 1e6);
            }

            Load.Result commands = Load.run("commands on the " + options.events() + "-event incident", server.url(),
                    token, options.bots(), options.warmup(), options.duration(),
                    bot -> new Notes(incident, "m" + bot));
            report.add(commands);
            Load.Result me = Bench.meCeiling(options, server.url(), token);
            report.add(me);
            report.ratio("command p50 on big incident ÷ GET /api/v1/me p50",
                    commands.latencyMicros().getValueAtPercentile(50) / me.latencyMicros().getValueAtPercentile(50));
            report.ratio("commands/s on big incident ÷ GET /api/v1/me/s", commands.perSecond() / me.perSecond());
        }
        // Only after a run that got this far: a failed run leaves the directory, with the server's log in it.
        // A 100,000-event store takes 1-3 GB, and each run would leave one behind.
        if (temporary) {
            Bench.deleteTree(dataDir);
        }
    }

    private static void grow(Options options, Report report, ServerProcess server, String token, String incident)
            throws Exception {
        try (HttpConnection connection = new HttpConnection(server.url(), token)) {
            check(connection.send("POST", "/api/v1/incidents", """
                    {"incidentId":"%s","title":"Database fail-over loops for days","severity":"SEV1"}"""
                    .formatted(incident)));
        }
        long notes = options.events() - 1L;
        Bench.progress("growing %s to %d events from %d bots", incident, options.events(), options.bots());
        AtomicLong next = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> bots = new ArrayList<>();
        long start = System.nanoTime();
        for (int b = 0; b < options.bots(); b++) {
            Thread bot = new Thread(() -> {
                try (HttpConnection connection = new HttpConnection(server.url(), token)) {
                    for (long n = next.getAndIncrement(); n < notes && failure.get() == null; n = next.getAndIncrement()) {
                        check(connection.send("POST", "/api/v1/incidents/" + incident + "/notes", """
                                {"noteId":"g-%d","text":"Replica lag %d s, fail-over attempt %d"}"""
                                .formatted(n, n % 600, n)));
                    }
                } catch (IOException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "grow-" + b);
            bots.add(bot);
            bot.start();
        }
        for (Thread bot : bots) {
            bot.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report.figure("growth to " + options.events() + " events (commands/s on one incident)",
                Math.round(notes / seconds));
        Bench.JdbcCeilings jdbc = Bench.jdbcCeilings(options, notes, report);
        report.ratio("growth commands/s ÷ jdbc 1 row/commit rows/s", notes / seconds / jdbc.onePerCommit().perSecond());
    }

    /** Keeps adding notes to the big incident, each with a fresh id. */
    private record Notes(String incident, String prefix, AtomicLong counter) implements Load.Bot {

        Notes(String incident, String prefix) {
            this(incident, prefix, new AtomicLong());
        }

        @Override
        public HttpConnection.Response next(HttpConnection connection) throws IOException {
            return connection.send("POST", "/api/v1/incidents/" + incident + "/notes", """
                    {"noteId":"%s-%d","text":"Still looping"}""".formatted(prefix, counter.incrementAndGet()));
        }
    }

    private interface Call {
        HttpConnection.Response call() throws IOException;
    }

    private static long timed(Call call) throws IOException {
        long start = System.nanoTime();
        check(call.call());
        return System.nanoTime() - start;
    }

    private static void check(HttpConnection.Response response) {
        if (response.status() >= 300) {
            throw new IllegalStateException("refused: " + response.status() + " " + response.body());
        }
    }
}
