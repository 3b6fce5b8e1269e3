package dev.blackbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Ten subscriptions delivering to receivers served by this process while bots ingest: how much the
 * subscriptions cost the commands (ingest with them ÷ ingest without, both unpaced, the latter run
 * before and after; and both paced at half the unpaced rate without them, with their latencies), the time from a
 * command's 2xx answer to its fact reaching each receiver at half the rate ingest reached, and both
 * again while one receiver takes 2 s per request. The server must allow private targets
 * ({@code --blackbox.subscriptions.allow-private-targets=true}), the receivers being on loopback.
 */
final class Subscriptions {

    private static final int SUBSCRIPTIONS = 10;
    private static final long SLOW_RECEIVER_MILLIS = 2_000;
    private static final long DRAIN_TIMEOUT_NANOS = 120_000_000_000L;
    private static final Pattern POSITION = Pattern.compile("\"position\":(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Subscriptions() {
    }

    /** A receiver: when each store position first reached it. */
    private static final class Receiver {
        final HttpServer server;
        final Map<Long, Long> receivedAt = new ConcurrentHashMap<>();
        volatile boolean slow;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // Daemon threads: the receivers must not keep the bench running once the report is written.
            server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "receiver");
                thread.setDaemon(true);
                return thread;
            }));
            server.createContext("/", this::receive);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        private void receive(HttpExchange exchange) throws IOException {
            long now = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher position = POSITION.matcher(body);
            if (position.find()) {
                receivedAt.putIfAbsent(Long.parseLong(position.group(1)), now);
            }
            if (slow) {
                try {
                    Thread.sleep(SLOW_RECEIVER_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        }
    }

    static void run(Options options, Report report) throws Exception {
        if (options.token() == null || options.adminToken() == null) {
            throw new IllegalArgumentException("subscriptions needs --token (responder) and --admin-token (admin)");
        }
        String runId = UUID.randomUUID().toString().substring(0, 8);
        Bench.progress("subscriptions: unpaced ingest from %d bots without subscriptions", options.bots());
        Load.Result without = Load.run("ingest, no subscriptions", options.url(), options.token(), options.bots(),
                options.warmup(), options.duration(), bot -> new IngestBot(runId + "a", bot, options.bots(), options.incidents()));
        report.add(without);
        // A fixed --rate compares two servers at the same load on a machine whose ingest rate varies.
        long rate = options.rate((int) Math.max(1, Math.round(without.perSecond() / 2)));
        long intervalNanos = (long) (1e9 * options.bots() / rate);
        Bench.progress("subscriptions: paced ingest at %d commands/s without subscriptions", rate);
        Load.Result pacedWithout = Load.run("paced ingest, no subscriptions", options.url(), options.token(),
                options.bots(), options.warmup(), options.duration(),
                bot -> ReadSide.paced(new IngestBot(runId + "p", bot, options.bots(), options.incidents()), intervalNanos));
        report.add(pacedWithout);

        List<Receiver> receivers = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (HttpConnection admin = new HttpConnection(options.url(), options.adminToken())) {
            for (int s = 0; s < SUBSCRIPTIONS; s++) {
                Receiver receiver = new Receiver();
                receivers.add(receiver);
                HttpConnection.Response created = admin.send("POST", "/api/v1/subscriptions",
                        "{\"url\":\"" + receiver.url() + "\"}");
                if (created.status() != 201) {
                    throw new IllegalStateException("could not subscribe (does the server allow private targets?): "
                            + created.status() + " " + created.body());
                }
                ids.add(JSON.readTree(created.body()).path("subscriptionId").asText());
            }
            Bench.progress("subscriptions: unpaced ingest with %d subscriptions", SUBSCRIPTIONS);
            Load.Result with = Load.run("ingest, 10 subscriptions", options.url(), options.token(), options.bots(),
                    options.warmup(), options.duration(), bot -> new IngestBot(runId + "b", bot, options.bots(), options.incidents()));
            report.add(with);
            drain(admin, ids);

            Bench.progress("subscriptions: paced ingest at %d commands/s, delivery lag", rate);
            Load.Result pacedWith = lag(options, report, runId + "c", intervalNanos, receivers, "", admin, ids);

            receivers.get(0).slow = true;
            Bench.progress("subscriptions: one receiver takes 2 s per request; paced at %d commands/s", rate);
            Load.Result pacedSlow = lag(options, report, runId + "d", intervalNanos, receivers,
                    ", one receiver slow", admin, ids);
            Bench.progress("subscriptions: unpaced ingest, one receiver slow");
            Load.Result withSlow = Load.run("ingest, 10 subscriptions, one slow", options.url(), options.token(),
                    options.bots(), options.warmup(), options.duration(),
                    bot -> new IngestBot(runId + "e", bot, options.bots(), options.incidents()));
            report.add(withSlow);
            for (String id : ids) {
                admin.send("DELETE", "/api/v1/subscriptions/" + id, null);
            }
            // The server keeps getting faster over the first minutes of load (the JIT), so the phases
            // with subscriptions ran warmer than the first one without: it runs again, and the faster
            // of the two is what the subscriptions are compared with.
            Bench.progress("subscriptions: unpaced ingest without subscriptions, again");
            Load.Result withoutAgain = Load.run("ingest, no subscriptions, again", options.url(), options.token(),
                    options.bots(), options.warmup(), options.duration(),
                    bot -> new IngestBot(runId + "f", bot, options.bots(), options.incidents()));
            report.add(withoutAgain);
            double fastestWithout = Math.max(without.perSecond(), withoutAgain.perSecond());
            report.figure("paced rate (commands/s, --rate or half of ingest without)", rate);
            report.figure("delivery lag p99 target (ms)", 250);
            report.ratio("ingest with 10 subscriptions ÷ the faster without", with.perSecond() / fastestWithout);
            report.ratio("ingest with one slow receiver ÷ the faster without", withSlow.perSecond() / fastestWithout);
            report.ratio("paced commands/s with 10 subscriptions ÷ without", pacedWith.perSecond() / pacedWithout.perSecond());
            report.ratio("paced commands/s, one slow ÷ requested", pacedSlow.perSecond() / rate);
        } finally {
            receivers.forEach(receiver -> receiver.server.stop(0));
        }
    }

    /**
     * Paced ingest, then the time from each measured command's answer to its fact's arrival at every
     * receiver that is not slow; a fact that never arrived counts as an error.
     */
    private static Load.Result lag(Options options, Report report, String runId, long intervalNanos,
            List<Receiver> receivers, String label, HttpConnection admin, List<String> ids) throws Exception {
        Map<Long, Long> answeredAt = new ConcurrentHashMap<>();
        long measureFrom = System.nanoTime() + options.warmup().toNanos();
        Load.Result paced = Load.run("paced ingest" + label, options.url(), options.token(), options.bots(),
                options.warmup(), options.duration(), bot -> ReadSide.paced(recording(
                        new IngestBot(runId, bot, options.bots(), options.incidents()), answeredAt, measureFrom),
                        intervalNanos));
        report.add(paced);
        List<Receiver> fast = receivers.stream().filter(r -> !r.slow).toList();
        drain(admin, ids.subList(receivers.size() - fast.size(), ids.size()));
        // A subscription at the store's head may still have events in the token's gaps (committed out of
        // order); they follow within moments. A fact still missing after the wait is counted as an error.
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS / 4;
        while (System.nanoTime() < deadline
                && !fast.stream().allMatch(r -> r.receivedAt.keySet().containsAll(answeredAt.keySet()))) {
            Thread.sleep(100);
        }
        Histogram lags = new Histogram(3_600_000_000L, 3);
        long missing = 0;
        for (Receiver receiver : fast) {
            for (Map.Entry<Long, Long> answer : answeredAt.entrySet()) {
                Long received = receiver.receivedAt.get(answer.getKey());
                if (received == null) {
                    missing++;
                } else {
                    lags.recordValue(Math.max(1, (received - answer.getValue()) / 1_000));
                }
            }
        }
        report.add(new Load.Result("command 2xx -> at receiver" + label, lags.getTotalCount(), missing,
                options.duration().toNanos() / 1e9, lags, List.of(), Double.NaN));
        return paced;
    }

    /** Notes when each measured command's answer, and the position it carries, arrived. */
    private static Load.Bot recording(Load.Bot bot, Map<Long, Long> answeredAt, long measureFrom) {
        return connection -> {
            HttpConnection.Response response = bot.next(connection);
            long now = System.nanoTime();
            if (now >= measureFrom && response.status() < 300 && response.position() > 0) {
                answeredAt.putIfAbsent(response.position(), now);
            }
            return response;
        };
    }

    /** Waits until the subscriptions have read every stored event. */
    private static void drain(HttpConnection admin, List<String> ids) throws Exception {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        for (String id : ids) {
            while (System.nanoTime() < deadline) {
                JsonNode subscription = JSON.readTree(admin.get("/api/v1/subscriptions/" + id).body());
                if (subscription.path("lagEvents").asLong() == 0) {
                    break;
                }
                Thread.sleep(100);
            }
        }
    }
}
