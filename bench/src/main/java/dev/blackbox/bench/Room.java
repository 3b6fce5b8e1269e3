package dev.blackbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

/**
 * The web interface's incident room: a 1,000-entry incident's page read by many signed-in readers
 * (one session, as many tabs), and how long after a command's answer its entry arrives on the room's
 * live stream (the rendered HTML fragment htmx appends).
 */
final class Room {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern PROBE = Pattern.compile("room-probe-(\\d+)");
    private static final int PROBES = 200;
    private static final long PROBE_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long ARRIVAL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private Room() {
    }

    static void run(Options options, Report report) throws Exception {
        if (options.token() == null) {
            throw new IllegalArgumentException("room needs --token (role responder or admin)");
        }
        String incident = "room-" + UUID.randomUUID().toString().substring(0, 8);
        Bench.progress("room: recording %s with %d entries", incident, options.entries());
        try (HttpConnection connection = new HttpConnection(options.url(), options.token())) {
            ReadSide.record(connection, incident, options.entries());
        }
        String cookie = signIn(options.url(), options.token());
        String page = "/incidents/" + incident;
        Bench.progress("room: GET %s from %d readers", page, options.bots());
        Load.Result room = Load.run("room GET /incidents/{id} (HTML)", () -> HttpConnection.withCookie(options.url(), cookie),
                options.bots(), options.warmup(), options.duration(),
                bot -> connection -> connection.send("GET", page, null, "text/html"));
        report.add(room);
        Bench.progress("room: %d commands, each until its entry is on the room's live stream", PROBES);
        report.add(liveArrival(options, cookie, incident));
        Load.Result me = Bench.meCeiling(options, options.url(), options.token());
        report.add(me);
        report.ratio("room p99 ÷ GET /api/v1/me p99", Bench.p99(room) / Bench.p99(me));
        report.figure("room p99 target (ms)", 100);
        report.figure("live entry target (ms)", 1000);
    }

    /** Signs in through the login page as a browser does, and answers the session cookie. */
    private static String signIn(URI url, String token) throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String login = browser.send(HttpRequest.newBuilder(url.resolve("/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(login);
        if (!csrf.find()) {
            throw new IllegalStateException("the login page has no CSRF token");
        }
        String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(url.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String target = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || target.contains("error")) {
            throw new IllegalStateException("sign-in refused: " + signedIn.statusCode() + " " + target);
        }
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::toString).findFirst()
                .orElseThrow(() -> new IllegalStateException("no session cookie after signing in"));
    }

    /**
     * Follows the room's live stream and sends notes one by one, each measured from its command's
     * answer to the moment its rendered entry arrives on the stream.
     */
    private static Load.Result liveArrival(Options options, String cookie, String incident) throws Exception {
        Map<Integer, Long> arrived = new ConcurrentHashMap<>();
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        options.url().resolve("/incidents/" + incident + "/live?after=" + Integer.MAX_VALUE))
                .header("Cookie", cookie).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        if (stream.statusCode() != 200) {
            throw new IllegalStateException("the room's live stream answered " + stream.statusCode());
        }
        Thread reader = new Thread(() -> {
            try {
                stream.body().forEach(line -> {
                    Matcher probe = PROBE.matcher(line);
                    if (line.startsWith("data:") && probe.find()) {
                        arrived.putIfAbsent(Integer.parseInt(probe.group(1)), System.nanoTime());
                    }
                });
            } catch (UncheckedIOException closed) {
                // The stream is closed once every probe is in: the end of the reading, not a failure.
            }
        }, "room-live-reader");
        reader.setDaemon(true);
        reader.start();
        Histogram micros = new Histogram(3_600_000_000L, 3);
        long errors = 0;
        long started = System.nanoTime();
        try (HttpConnection connection = new HttpConnection(options.url(), options.token())) {
            for (int n = 0; n < PROBES; n++) {
                HttpConnection.Response answer = connection.send("POST", "/api/v1/incidents/" + incident + "/notes",
                        "{\"text\":\"room-probe-" + n + "\"}");
                long answered = System.nanoTime();
                if (answer.status() >= 300) {
                    errors++;
                    continue;
                }
                long deadline = answered + ARRIVAL_TIMEOUT_NANOS;
                while (!arrived.containsKey(n) && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(100_000);
                }
                Long seen = arrived.get(n);
                if (seen == null) {
                    errors++;
                } else {
                    micros.recordValue(Math.max(1, (seen - answered) / 1_000));
                }
                LockSupport.parkNanos(PROBE_GAP_NANOS);
            }
        }
        stream.body().close();
        return new Load.Result("room live entry after command answer", micros.getTotalCount(), errors,
                (System.nanoTime() - started) / 1e9, micros, List.of(), Double.NaN);
    }
}
