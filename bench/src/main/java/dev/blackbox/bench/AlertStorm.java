package dev.blackbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * An alert storm as Alertmanager delivers it: one webhook notification per alert group, every group
 * at once, each on its own connection. Each round sends the firing notifications (every group opens
 * an incident), the same notifications again (Alertmanager's retries and repeats: nothing new may be
 * recorded) and the resolved ones (every incident is mitigated), and times each wave until every
 * notification is answered and until every incident reads as it should. The same-shape ceiling is
 * as many {@code GET /api/v1/me} requests released at once.
 */
final class AlertStorm {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECEIVER_PATH = "/api/v1/integrations/alertmanager";
    private static final long VISIBLE_TIMEOUT_NANOS = 30_000_000_000L;
    private static final double TARGET_SECONDS = 2.0;
    private static final long REPEAT_SETTLE_MILLIS = 500;

    private AlertStorm() {
    }

    /** One wave's figures: when the last answer came, when the last incident read right, what went wrong. */
    private record Wave(double answeredSeconds, double visibleSeconds, int errors, int serverErrors,
                        Histogram latencyMicros, List<String> errorSamples) {
    }

    static void run(Options options, Report report) throws Exception {
        if (options.token() == null) {
            throw new IllegalArgumentException("alert-storm needs --token (role responder or admin)");
        }
        int groups = options.groups();
        int alerts = options.alerts();
        Bench.progress("alert-storm: %d rounds and a warm-up of %d groups × %d alerts, every group at once",
                options.rounds(), groups, alerts);
        List<Wave> firing = new ArrayList<>();
        List<Wave> repeated = new ArrayList<>();
        List<Wave> resolved = new ArrayList<>();
        List<Wave> ceiling = new ArrayList<>();
        long repeatedEntries = 0;
        // Round 0 warms the server's JIT up and is not counted: a storm lasts about a second.
        for (int round = 0; round <= options.rounds(); round++) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            Instant startsAt = Instant.now().minusSeconds(60);
            Map<Integer, String> incidents = new ConcurrentHashMap<>();
            Wave fired = wave(options, groups, g -> notification(run, g, alerts, startsAt, null), incidents, "OPEN");
            long entriesBefore = timelineEntries(options, incidents);
            Wave repeat = wave(options, groups, g -> notification(run, g, alerts, startsAt, null), incidents, "OPEN");
            // Long enough for the read models to show anything the repeats stored.
            Thread.sleep(REPEAT_SETTLE_MILLIS);
            repeatedEntries += timelineEntries(options, incidents) - entriesBefore;
            Instant endsAt = Instant.now();
            Wave ended = wave(options, groups, g -> notification(run, g, alerts, startsAt, endsAt), incidents,
                    "MITIGATED");
            Wave me = wave(options, groups, null, incidents, null);
            Bench.progress("round %d%s: firing answered %.3f s, visible %.3f s; repeated %.3f s; resolved %.3f s",
                    round, round == 0 ? " (warm-up)" : "", fired.answeredSeconds(), fired.visibleSeconds(),
                    repeat.answeredSeconds(), ended.visibleSeconds());
            if (round > 0) {
                firing.add(fired);
                repeated.add(repeat);
                resolved.add(ended);
                ceiling.add(me);
            }
        }
        add(report, "firing notifications", firing, groups);
        add(report, "repeated notifications", repeated, groups);
        add(report, "resolved notifications", resolved, groups);
        add(report, "ceiling GET /api/v1/me", ceiling, groups);
        report.figure("alerts per storm", groups * alerts);
        report.figure("storm target (s)", TARGET_SECONDS);
        double firingMedian = median(firing, Wave::visibleSeconds);
        report.figure("firing storm, median s until every incident reads OPEN", firingMedian);
        report.figure("resolved storm, median s until every incident reads MITIGATED",
                median(resolved, Wave::visibleSeconds));
        report.figure("timeline entries added by repeated notifications", repeatedEntries);
        report.figure("5xx answers", firing.stream().mapToInt(Wave::serverErrors).sum()
                + repeated.stream().mapToInt(Wave::serverErrors).sum()
                + resolved.stream().mapToInt(Wave::serverErrors).sum());
        report.ratio("firing storm s ÷ target s", firingMedian / TARGET_SECONDS);
        report.ratio("firing storm answered s ÷ GET /api/v1/me at once s",
                median(firing, Wave::answeredSeconds) / median(ceiling, Wave::answeredSeconds));
    }

    /**
     * Releases one request per group together and waits for every answer; then, if {@code status} is
     * given, reads each group's incident until it has that status.
     */
    private static Wave wave(Options options, int groups, IntFunction<String> body, Map<Integer, String> incidents,
                             String status) throws InterruptedException {
        Histogram latency = new Histogram(3_600_000_000L, 3);
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger();
        List<String> samples = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(groups);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(groups);
        long[] answeredAt = new long[groups];
        List<HttpConnection> connections = new ArrayList<>();
        try {
            for (int g = 0; g < groups; g++) {
                connections.add(new HttpConnection(options.url(), options.token()));
            }
            for (int g = 0; g < groups; g++) {
                int group = g;
                HttpConnection connection = connections.get(g);
                Thread thread = new Thread(() -> {
                    ready.countDown();
                    try {
                        go.await();
                        long sent = System.nanoTime();
                        HttpConnection.Response response = body == null ? connection.get("/api/v1/me")
                                : connection.post(RECEIVER_PATH, body.apply(group), "application/json");
                        answeredAt[group] = System.nanoTime();
                        synchronized (latency) {
                            latency.recordValue(Math.max(1, (answeredAt[group] - sent) / 1_000));
                        }
                        if (response.status() >= 300) {
                            errors.incrementAndGet();
                            if (response.status() >= 500) {
                                serverErrors.incrementAndGet();
                            }
                            synchronized (samples) {
                                if (samples.size() < 5) {
                                    samples.add(response.status() + " " + response.body());
                                }
                            }
                        } else if (body != null) {
                            JsonNode incident = JSON.readTree(response.body()).path("incidentId");
                            if (incident.isTextual()) {
                                incidents.putIfAbsent(group, incident.textValue());
                            }
                        }
                    } catch (IOException | InterruptedException | RuntimeException e) {
                        errors.incrementAndGet();
                        answeredAt[group] = System.nanoTime();
                        synchronized (samples) {
                            if (samples.size() < 5) {
                                samples.add(e.toString());
                            }
                        }
                    } finally {
                        answered.countDown();
                    }
                }, "storm-" + g);
                thread.setDaemon(true);
                thread.start();
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            answered.await();
            double answeredSeconds = (Arrays.stream(answeredAt).max().orElse(start) - start) / 1e9;
            double visibleSeconds = status == null ? answeredSeconds
                    : (awaitStatus(connections.get(0), groups, incidents, status) - start) / 1e9;
            return new Wave(answeredSeconds, visibleSeconds, errors.get(), serverErrors.get(), latency,
                    List.copyOf(samples));
        } catch (IOException e) {
            throw new IllegalStateException("could not connect to " + options.url(), e);
        } finally {
            connections.forEach(HttpConnection::close);
        }
    }

    /** Reads every group's incident until each has {@code status}; answers the moment the last one did. */
    private static long awaitStatus(HttpConnection connection, int groups, Map<Integer, String> incidents,
                                    String status) throws IOException {
        long deadline = System.nanoTime() + VISIBLE_TIMEOUT_NANOS;
        for (int g = 0; g < groups; g++) {
            String incident = incidents.get(g);
            if (incident == null) {
                throw new IllegalStateException("group " + g + " was answered with no incident");
            }
            while (!status.equals(status(connection, incident))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("incident " + incident + " not " + status + " after 30 s");
                }
                LockSupport.parkNanos(5_000_000);
            }
        }
        return System.nanoTime();
    }

    private static long timelineEntries(Options options, Map<Integer, String> incidents) throws IOException {
        long entries = 0;
        try (HttpConnection connection = new HttpConnection(options.url(), options.token())) {
            for (String incident : incidents.values()) {
                HttpConnection.Response response = connection.get("/api/v1/incidents/" + incident + "/timeline");
                entries += JSON.readTree(response.body()).path("entries").size();
            }
        }
        return entries;
    }

    private static String status(HttpConnection connection, String incident) throws IOException {
        HttpConnection.Response response = connection.get("/api/v1/incidents/" + incident);
        return response.status() == 200 ? JSON.readTree(response.body()).path("status").asText() : null;
    }

    /** An Alertmanager webhook notification (version 4) of one group; resolved when {@code endsAt} is given. */
    private static String notification(String run, int group, int alerts, Instant startsAt, Instant endsAt) {
        String state = endsAt == null ? "firing" : "resolved";
        String service = "svc-" + group;
        StringBuilder body = new StringBuilder(1_024 + alerts * 512);
        body.append("{\"version\":\"4\",\"status\":\"").append(state).append("\",\"receiver\":\"bench-")
                .append(run).append("\",\"groupKey\":\"{}:{alertname=\\\"Storm").append(group)
                .append("\\\"}\",\"truncatedAlerts\":0,\"groupLabels\":{\"alertname\":\"Storm").append(group)
                .append("\"},\"commonLabels\":{\"alertname\":\"Storm").append(group).append("\",\"service\":\"")
                .append(service).append("\",\"severity\":\"critical\"},\"commonAnnotations\":{},")
                .append("\"externalURL\":\"http://alertmanager.invalid:9093\",\"alerts\":[");
        for (int a = 0; a < alerts; a++) {
            if (a > 0) {
                body.append(',');
            }
            body.append("{\"status\":\"").append(state).append("\",\"labels\":{\"alertname\":\"Storm").append(group)
                    .append("\",\"service\":\"").append(service).append("\",\"severity\":\"critical\",\"instance\":\"node-")
                    .append(a).append("\"},\"annotations\":{\"summary\":\"Error rate high on ").append(service)
                    .append("\",\"description\":\"Instance node-").append(a).append(" answers 5xx\"},\"startsAt\":\"")
                    .append(startsAt).append("\",\"endsAt\":\"")
                    .append(endsAt == null ? "0001-01-01T00:00:00Z" : endsAt.toString())
                    .append("\",\"generatorURL\":\"http://prometheus.invalid:9090/graph\",\"fingerprint\":\"")
                    .append(run).append(String.format("%04x%04x", group, a)).append("\"}");
        }
        return body.append("]}").toString();
    }

    private static void add(Report report, String name, List<Wave> waves, int groups) {
        Histogram all = new Histogram(3_600_000_000L, 3);
        waves.forEach(wave -> all.add(wave.latencyMicros()));
        int errors = waves.stream().mapToInt(Wave::errors).sum();
        List<String> samples = waves.stream().flatMap(wave -> wave.errorSamples().stream()).limit(5).toList();
        double seconds = waves.stream().mapToDouble(Wave::answeredSeconds).sum();
        report.add(new Load.Result(name, (long) waves.size() * groups, errors, seconds, all, samples, Double.NaN));
    }

    private static double median(List<Wave> waves, ToDoubleFunction<Wave> figure) {
        double[] values = waves.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
