package dev.blackbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The workloads that need the read side: how soon a command shows on the timeline, how fast a
 * large incident's postmortem renders, and how fast every read model is rebuilt from the store.
 */
final class ReadSide {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LAG_PROBES = 4;
    private static final int NOTES_PER_PROBE_INCIDENT = 100;
    private static final long POLL_NANOS = 2_000_000;
    private static final long VISIBLE_TIMEOUT_NANOS = 30_000_000_000L;

    private ReadSide() {
    }

    /**
     * Background ingest at {@code --rate} commands/s, paced, while a few probes each add a note and
     * read the timeline until it shows: the time from the 2xx answer to the entry being readable.
     */
    static void lag(Options options, Report report) throws Exception {
        requireToken(options);
        String runId = UUID.randomUUID().toString().substring(0, 8);
        long intervalNanos = (long) (1e9 * options.bots() / options.rate(1000));
        Bench.progress("lag: background %d commands/s from %d bots, %d probes; %ds warm-up then %ds measured",
                options.rate(1000), options.bots(), LAG_PROBES, options.warmup().toSeconds(), options.duration().toSeconds());
        Recorder lag = new Recorder(3_600_000_000L, 3);
        ConcurrentLinkedQueue<String> probeErrors = new ConcurrentLinkedQueue<>();
        long measureFrom = System.nanoTime() + options.warmup().toNanos();
        long end = measureFrom + options.duration().toNanos();
        List<Thread> probes = new ArrayList<>();
        for (int p = 0; p < LAG_PROBES; p++) {
            int probe = p;
            Thread thread = new Thread(() -> probe(options, probe, runId + "-" + probe, measureFrom, end, lag, probeErrors),
                    "lag-probe-" + p);
            thread.setDaemon(true);
            probes.add(thread);
            thread.start();
        }
        Load.Spread spread = Load.spread("background ingest (paced)", options.commandUrls(), options.token(),
                options.bots(), options.warmup(), options.duration(),
                bot -> paced(new IngestBot(runId, bot, options.bots(), options.incidents()), intervalNanos));
        for (Thread probe : probes) {
            probe.join();
        }
        Load.Result background = spread.total();
        report.add(background);
        Bench.addShares(report, spread);
        Histogram lags = lag.getIntervalHistogram();
        report.add(new Load.Result("command 2xx -> visible on timeline", lags.getTotalCount(), probeErrors.size(),
                options.duration().toNanos() / 1e9, lags, List.copyOf(probeErrors).subList(0,
                Math.min(5, probeErrors.size())), Double.NaN));
        report.figure("lag p99 target (ms)", 100);
        report.ratio("background commands/s ÷ requested rate", background.perSecond() / options.rate(1000));
    }

    /**
     * Probe {@code probe} sends its notes to one command process and reads the timeline from one query
     * process, both chosen round-robin, so that with several of each the lag includes the trip between
     * processes.
     */
    private static void probe(Options options, int probe, String probeId, long measureFrom, long end, Recorder lag,
                              ConcurrentLinkedQueue<String> errors) {
        URI commands = options.commandUrls().get(probe % options.commandUrls().size());
        URI queries = options.queryUrls().get(probe % options.queryUrls().size());
        try (HttpConnection connection = new HttpConnection(commands, options.token());
             HttpConnection reader = commands.equals(queries) ? connection : new HttpConnection(queries, options.token())) {
            int n = 0;
            String incident = null;
            while (System.nanoTime() < end) {
                if (n % NOTES_PER_PROBE_INCIDENT == 0) {
                    // A fresh incident now and then keeps the polled timeline small, so polling
                    // measures the projection, not the size of the answer.
                    incident = "lag-" + probeId + "-" + n;
                    expect2xx(connection.send("POST", "/api/v1/incidents", """
                            {"incidentId":"%s","title":"Lag probe","severity":"SEV4"}""".formatted(incident)));
                }
                String text = "lag probe " + probeId + " " + n;
                HttpConnection.Response noted = connection.send("POST", "/api/v1/incidents/" + incident + "/notes", """
                        {"noteId":"p-%d","text":"%s"}""".formatted(n, text));
                expect2xx(noted);
                long accepted = System.nanoTime();
                n++;
                // The read waits on the server until the read models have the note (minPosition), as a
                // client reading its own write would: one read per note. Polling every few milliseconds
                // made several reads per note, a load of their own on the cores being measured, and
                // remains only for a read that answers without the note (e.g. past max-wait).
                String atPosition = noted.position() < 0 ? "" : "?minPosition=" + noted.position();
                while (!onTimeline(reader, incident, atPosition, "Note: " + text)) {
                    atPosition = "";
                    if (System.nanoTime() - accepted > VISIBLE_TIMEOUT_NANOS) {
                        throw new IllegalStateException("note not on the timeline after 30 s: " + text);
                    }
                    LockSupport.parkNanos(POLL_NANOS);
                }
                if (accepted >= measureFrom && accepted < end) {
                    lag.recordValue(Math.max(1, (System.nanoTime() - accepted) / 1_000));
                }
            }
        } catch (IOException | RuntimeException e) {
            errors.add(probeId + ": " + e);
        }
    }

    private static boolean onTimeline(HttpConnection connection, String incident, String query, String text)
            throws IOException {
        HttpConnection.Response response = connection.get("/api/v1/incidents/" + incident + "/timeline" + query);
        if (response.status() == 404 || response.status() == 503) {
            return false;
        }
        expect2xx(response);
        for (JsonNode entry : JSON.readTree(response.body()).path("entries")) {
            if (text.equals(entry.path("text").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Records a 1,000-entry incident, waits for its read models, then renders it in each format. */
    static void postmortem(Options options, Report report) throws Exception {
        requireToken(options);
        String incident = "pm-" + UUID.randomUUID().toString().substring(0, 8);
        int entries = options.entries();
        Bench.progress("postmortem: recording %s with %d entries", incident, entries);
        try (HttpConnection connection = new HttpConnection(options.url(), options.token())) {
            record(connection, incident, entries);
        }
        String path = "/api/v1/incidents/" + incident + "/postmortem";
        List<Load.Result> formats = new ArrayList<>();
        for (String format : List.of("text/markdown", "application/json", "text/html")) {
            Bench.progress("postmortem: %s from %d bots", format, options.bots());
            formats.add(Load.run("postmortem " + format, options.url(), options.token(), options.bots(),
                    options.warmup(), options.duration(), bot -> connection -> connection.send("GET", path, null,
                            format)));
        }
        formats.forEach(report::add);
        Load.Result me = Bench.meCeiling(options, options.url(), options.token());
        report.add(me);
        for (Load.Result format : formats) {
            report.ratio(format.name() + " p99 ÷ GET /api/v1/me p99", Bench.p99(format) / Bench.p99(me));
        }
        report.figure("postmortem p99 target (ms)", 50);
    }

    /**
     * Records incident {@code incident} with {@code entries} timeline entries (hypotheses, dead ends,
     * actions, escalations, notes) and waits until its timeline shows them all.
     */
    static void record(HttpConnection connection, String incident, int entries) throws IOException {
        expect2xx(connection.send("POST", "/api/v1/incidents", """
                {"incidentId":"%s","title":"Checkout down after a config push","severity":"SEV1",\
                "affectedServices":["checkout","payments"],"userImpactPercent":40}""".formatted(incident)));
        for (int n = 1; n < entries; n++) {
            String base = "/api/v1/incidents/" + incident;
            expect2xx(switch (n % 5) {
                case 0 -> connection.send("POST", base + "/hypotheses", """
                        {"hypothesisId":"h-%d","statement":"Config push %d broke routing"}""".formatted(n, n));
                case 1 -> n > 5 ? connection.send("POST", base + "/hypotheses/h-" + (n - 1) + "/rule-out", """
                        {"evidence":"Rolled back push %d, errors continued"}""".formatted(n))
                        : connection.send("POST", base + "/notes", """
                        {"noteId":"n-%d","text":"Paged the checkout team"}""".formatted(n));
                case 2 -> connection.send("POST", base + "/actions", """
                        {"actionId":"a-%d","description":"Restarted gateway pool %d","outcome":"NO_EFFECT"}"""
                        .formatted(n, n));
                case 3 -> connection.send("POST", base + "/escalations", """
                        {"escalationTarget":"team-%d","reason":"Owner of component %d"}""".formatted(n, n));
                default -> connection.send("POST", base + "/notes", """
                        {"noteId":"n-%d","text":"Error rate still at %d%%"}""".formatted(n, n % 100));
            });
        }
        long deadline = System.nanoTime() + VISIBLE_TIMEOUT_NANOS;
        while (timelineSize(connection, incident) < entries) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timeline of " + incident + " incomplete after 30 s");
            }
            LockSupport.parkNanos(50_000_000);
        }
    }

    private static int timelineSize(HttpConnection connection, String incident) throws IOException {
        HttpConnection.Response response = connection.get("/api/v1/incidents/" + incident + "/timeline");
        return response.status() == 200 ? JSON.readTree(response.body()).path("entries").size() : 0;
    }

    /**
     * Rebuilds every read model at once through the admin replay endpoint and times until all have
     * caught up with the head of the store, while the server keeps its normal configuration.
     */
    static void rebuild(Options options, Report report) throws Exception {
        if (options.adminToken() == null) {
            throw new IllegalArgumentException("rebuild needs --admin-token");
        }
        try (HttpConnection admin = new HttpConnection(options.url(), options.adminToken())) {
            if (options.seedEvents() > 0) {
                seed(options, admin, false);
            }
            List<String> names = new ArrayList<>();
            long head = 0;
            for (JsonNode projection : JSON.readTree(expect2xx(admin.get("/api/v1/admin/projections")).body())) {
                names.add(projection.path("name").asText());
                head = Math.max(head, projection.path("head").asLong());
            }
            Bench.progress("rebuild: %s over %d events", names, head);
            long start = System.nanoTime();
            for (String name : names) {
                expect2xx(admin.send("POST", "/api/v1/admin/projections/" + name + "/replay", null));
            }
            List<String> pending = new ArrayList<>(names);
            while (!pending.isEmpty()) {
                // One request for every read model, ten times a second: the server answers each on the
                // same cores the rebuild uses, so polling more often would slow down what it measures.
                LockSupport.parkNanos(100_000_000);
                for (JsonNode status : JSON.readTree(expect2xx(admin.get("/api/v1/admin/projections")).body())) {
                    String name = status.path("name").asText();
                    if (!pending.contains(name)) {
                        continue;
                    }
                    if (status.path("state").asText().equals("failed")) {
                        throw new IllegalStateException("rebuild of " + name + " failed: " + status);
                    }
                    // Reaching the head counts too: servers before 0bd4818 reported a finished rebuild
                    // as replaying until a new command arrived, so "done" never came on an idle store.
                    if (status.path("state").asText().equals("done") || status.path("position").asLong(-1) >= head) {
                        long millis = (System.nanoTime() - start) / 1_000_000;
                        report.figure("rebuild " + name + " (ms)", millis);
                        pending.remove(name);
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            report.figure("events in store (head position)", head);
            report.figure("read models rebuilt", names.size());
            report.figure("rebuild of every read model (s)", Math.round(seconds * 1000) / 1000.0);
            report.figure("rebuild events/s (store events ÷ time until all done)", Math.round(head / seconds));
            Bench.JdbcCeilings jdbc = Bench.jdbcCeilings(options, head, report);
            JdbcCeiling.Result scan = jdbc.scan();
            report.ratio("rebuild events/s ÷ jdbc ordered scan rows/s", head / seconds / scan.perSecond());
            report.ratio("rebuild events/s ÷ jdbc batched insert rows/s", head / seconds / jdbc.batched().perSecond());
        }
    }

    /**
     * Search and similar incidents over the store (grown to {@code --seed-events} first, as for
     * {@code rebuild}): waits until the search index holds every event, then measures searches of a
     * few kinds (words, a phrase, a prefix, boolean) and similar incidents of the listed incidents,
     * each from {@code --bots} bots, next to {@code GET /api/v1/me} on the same server.
     */
    static void search(Options options, Report report) throws Exception {
        if (options.adminToken() == null) {
            throw new IllegalArgumentException("search needs --admin-token");
        }
        List<String> incidents = new ArrayList<>();
        try (HttpConnection admin = new HttpConnection(options.url(), options.adminToken())) {
            if (options.seedEvents() > 0) {
                seed(options, admin, true);
            }
            long head = head(admin);
            long start = System.nanoTime();
            while (true) {
                JsonNode status = JSON.readTree(expect2xx(admin.get("/api/v1/admin/projections/search/replay")).body());
                if (status.path("position").asLong(-1) >= head) {
                    break;
                }
                if (System.nanoTime() - start > 1_800_000_000_000L) {
                    throw new IllegalStateException("the search index is not at " + head + " after 30 min: " + status);
                }
                LockSupport.parkNanos(200_000_000);
            }
            report.figure("events in store (head position)", head);
            for (JsonNode incident : JSON.readTree(expect2xx(admin.get("/api/v1/incidents?size=500")).body())
                    .path("incidents")) {
                incidents.add(incident.path("incidentId").asText());
            }
            report.figure("incidents", JSON.readTree(expect2xx(admin.get("/api/v1/incidents?size=1")).body())
                    .path("total").asLong());
        }
        List<String> queries = List.of("gateway", "error+rate", "%22connection+pool%22", "restart*",
                "checkout+AND+NOT+payments");
        Bench.progress("search: %d queries from %d bots", queries.size(), options.bots());
        report.add(Load.run("search", options.url(), options.token(), options.bots(), options.warmup(),
                options.duration(), bot -> {
                    AtomicLong next = new AtomicLong(bot);
                    return connection -> connection.send("GET",
                            "/api/v1/search?q=" + queries.get((int) (next.getAndIncrement() % queries.size())), null);
                }));
        Bench.progress("similar: %d incidents from %d bots", incidents.size(), options.bots());
        report.add(Load.run("similar incidents", options.url(), options.token(), options.bots(), options.warmup(),
                options.duration(), bot -> {
                    AtomicLong next = new AtomicLong(bot * 7L);
                    return connection -> connection.send("GET", "/api/v1/incidents/"
                            + incidents.get((int) (next.getAndIncrement() % incidents.size())) + "/similar", null);
                }));
        report.add(Bench.meCeiling(options, options.url(), options.token()));
    }

    /**
     * Grows the store to {@code --seed-events} by importing copies of the longest of the 100 most
     * recently detected incidents (e.g. an ingest run's), from 4 connections, then waits until every
     * read model has projected them, so that the rebuild starts from caught-up read models. With
     * {@code varied}, each copy gets words, services and suspects of its own ({@link SeedText}).
     */
    private static void seed(Options options, HttpConnection admin, boolean varied) throws Exception {
        long head = head(admin);
        if (head >= options.seedEvents()) {
            return;
        }
        String template = "";
        for (JsonNode incident : JSON.readTree(expect2xx(admin.get("/api/v1/incidents?size=100")).body())
                .path("incidents")) {
            String events = expect2xx(admin.send("GET", "/api/v1/incidents/" + incident.path("incidentId").asText()
                    + "/events", null, "application/x-ndjson")).body();
            if (events.length() > template.length()) {
                template = events;
            }
        }
        long perCopy = template.lines().count();
        if (perCopy == 0) {
            throw new IllegalStateException("--seed-events needs incidents in the store to copy; run ingest first");
        }
        long copies = (options.seedEvents() - head + perCopy - 1) / perCopy;
        Bench.progress("seed: %d events in store; importing %d copies of a %d-event incident", head, copies, perCopy);
        String history = template;
        AtomicLong next = new AtomicLong();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        List<Thread> importers = new ArrayList<>();
        ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < 4; t++) {
            Thread importer = new Thread(() -> {
                try (HttpConnection connection = new HttpConnection(options.url(), options.adminToken())) {
                    for (long copy = next.getAndIncrement(); copy < copies; copy = next.getAndIncrement()) {
                        expect2xx(connection.post("/api/v1/incidents/import?incidentId=seed-" + runId + "-" + copy,
                                varied ? SeedText.vary(history, copy) : history, "application/x-ndjson"));
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "seed-" + t);
            importers.add(importer);
            importer.start();
        }
        for (Thread importer : importers) {
            importer.join();
        }
        if (!failures.isEmpty()) {
            throw failures.peek();
        }
        long seeded = head(admin);
        Bench.progress("seed: %d events in store; waiting for the read models to project them", seeded);
        while (true) {
            boolean caughtUp = true;
            for (JsonNode projection : JSON.readTree(expect2xx(admin.get("/api/v1/admin/projections")).body())) {
                caughtUp &= projection.path("position").asLong() >= seeded;
            }
            if (caughtUp) {
                return;
            }
            LockSupport.parkNanos(1_000_000_000L);
        }
    }

    private static long head(HttpConnection admin) throws IOException {
        long head = 0;
        for (JsonNode projection : JSON.readTree(expect2xx(admin.get("/api/v1/admin/projections")).body())) {
            head = Math.max(head, projection.path("head").asLong());
        }
        return head;
    }

    /** Paces a bot to one request per interval, on a fixed schedule (open loop within the bot). */
    static Load.Bot paced(Load.Bot bot, long intervalNanos) {
        AtomicLong next = new AtomicLong(System.nanoTime());
        return new Load.Bot() {
            @Override
            public HttpConnection.Response next(HttpConnection connection) throws IOException {
                return bot.next(connection);
            }

            @Override
            public void awaitTurn() {
                long wait = next.addAndGet(intervalNanos) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        };
    }

    private static void requireToken(Options options) {
        if (options.token() == null) {
            throw new IllegalArgumentException(options.workload() + " needs --token (role responder or admin)");
        }
    }

    private static HttpConnection.Response expect2xx(HttpConnection.Response response) {
        if (response.status() >= 300) {
            throw new IllegalStateException("refused: " + response.status() + " " + response.body());
        }
        return response;
    }
}
