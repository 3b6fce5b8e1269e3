package dev.blackbox.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line, as {@code --name value} or {@code --name=value} pairs. */
record Options(
        String workload,
        URI url,
        List<URI> commandUrls,
        List<URI> queryUrls,
        String token,
        String adminToken,
        int bots,
        int incidents,
        Duration duration,
        Duration warmup,
        Duration ceilingDuration,
        String jdbcUrl,
        String axonServer,
        String jdbcUser,
        String jdbcPassword,
        int jdbcBatch,
        int events,
        int rate,
        int entries,
        int seedEvents,
        int groups,
        int alerts,
        int rounds,
        Path serverJar,
        List<String> serverJvmOptions,
        List<String> serverArgs,
        Path dataDir,
        Path output) {

    static final String USAGE = """
            usage: java -jar blackbox-bench.jar --workload ingest|big-incident|lag|postmortem|rebuild|search|alert-storm|room|subscriptions [options]
              --url URL              server to load (default http://localhost:8080)
              --command-urls URL,... processes that take the commands of ingest and lag, the bots spread
                                     evenly over them, each reported on its own (default: --url)
              --query-urls URL,...   processes whose timelines the lag probes read (default: --url)
              --token TOKEN          bearer token with the responder role
              --admin-token TOKEN    bearer token with the admin role (rebuild, search, subscriptions)
              --bots N               concurrent bots, each on its own connection (default 32)
              --incidents N          incidents the bots spread over (ingest, default 1000)
              --duration D           measured time, e.g. 60s or 2m (default 60s)
              --warmup D             load before measuring, not counted (default 60s)
              --ceiling-duration D   measured time of the /api/v1/me ceiling (default 30s)
              --jdbc-url URL         database for the JDBC ceiling (default: a fresh H2 file with the
                                     server's URL options, in a temporary directory)
              --jdbc-user U, --jdbc-password P
              --axon-server HOST:PORT  ingest also measures this Axon Server (gRPC port) appending one event
                                     per append from --bots threads, the axonserver profile's ceiling; one
                                     of its own, not the server's: the appended events stay in its store
              --jdbc-batch N         rows per commit of the batched JDBC ceiling (default 100)
              --events N             size of the big incident (big-incident, default 100000)
              --rate N               background commands/s while lag is probed (lag, default 1000); the
                                     paced rate (subscriptions, default half the ingest without them)
              --entries N            timeline entries of the rendered incident (postmortem, room, default 1000)
              --seed-events N        before a rebuild or search, import copies of the store's longest recent
                                     incident until it holds N events (rebuild, default 0: as it is)
              --groups N             alert groups delivered at once (alert-storm, default 50)
              --alerts N             alerts per group (alert-storm, default 10)
              --rounds N             storms, each firing, repeated and resolved (alert-storm, default 5)
              --server-jar PATH      big-incident starts and restarts this jar itself
                                     (default app/target/blackbox.jar)
              --server-jvm "OPTS"    JVM options for that server, space-separated
              --server-args "ARGS"   its own settings, space-separated, e.g. "--spring.profiles.active=postgres
                                     --spring.datasource.url=jdbc:postgresql://localhost:5432/blackbox"
              --data-dir PATH        its data directory, kept (default: a fresh temporary one,
                                     removed after a run that completes)
              --output PATH          JSON result (default bench-<workload>-<time>.json)
            """;

    private static final Set<String> NAMES = Set.of("workload", "url", "command-urls", "query-urls", "token", "admin-token", "rate", "entries", "seed-events", "groups", "alerts", "rounds", "bots", "incidents", "duration",
            "warmup", "ceiling-duration", "jdbc-url", "axon-server", "jdbc-user", "jdbc-password", "jdbc-batch", "events",
            "server-jar", "server-jvm", "server-args", "data-dir", "output");

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            values.put(name, value);
        }
        String workload = values.getOrDefault("workload", "ingest");
        URI url = URI.create(values.getOrDefault("url", "http://localhost:8080"));
        return new Options(
                workload,
                url,
                urls(values.get("command-urls"), url),
                urls(values.get("query-urls"), url),
                values.get("token"),
                values.get("admin-token"),
                positive(values.getOrDefault("bots", "32"), "bots"),
                positive(values.getOrDefault("incidents", "1000"), "incidents"),
                duration(values.getOrDefault("duration", "60s")),
                duration(values.getOrDefault("warmup", "60s")),
                duration(values.getOrDefault("ceiling-duration", "30s")),
                values.get("jdbc-url"),
                values.get("axon-server"),
                values.getOrDefault("jdbc-user", "bench"),
                values.getOrDefault("jdbc-password", ""),
                positive(values.getOrDefault("jdbc-batch", "100"), "jdbc-batch"),
                positive(values.getOrDefault("events", "100000"), "events"),
                values.containsKey("rate") ? positive(values.get("rate"), "rate") : 0,
                positive(values.getOrDefault("entries", "1000"), "entries"),
                Integer.parseInt(values.getOrDefault("seed-events", "0")),
                positive(values.getOrDefault("groups", "50"), "groups"),
                positive(values.getOrDefault("alerts", "10"), "alerts"),
                positive(values.getOrDefault("rounds", "5"), "rounds"),
                Path.of(values.getOrDefault("server-jar", "app/target/blackbox.jar")),
                words(values.get("server-jvm")),
                words(values.get("server-args")),
                values.containsKey("data-dir") ? Path.of(values.get("data-dir")) : null,
                Path.of(values.getOrDefault("output", "bench-" + workload + "-" + System.currentTimeMillis() + ".json")));
    }

    /** The {@code --rate} given, or {@code otherwise}. */
    int rate(int otherwise) {
        return rate == 0 ? otherwise : rate;
    }

    /** Space-separated words; none for an absent or blank option, as run-all.sh passes an empty one. */
    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    private static List<URI> urls(String text, URI fallback) {
        if (text == null) {
            return List.of(fallback);
        }
        List<URI> urls = Arrays.stream(text.split(",")).map(String::trim).filter(url -> !url.isEmpty())
                .map(URI::create).toList();
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("a list of URLs needs at least one: " + text);
        }
        return urls;
    }

    private static int positive(String text, String name) {
        int value = Integer.parseInt(text);
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least 1");
        }
        return value;
    }

    /** Accepts {@code 90s}, {@code 2m}, {@code 500ms} or an ISO-8601 duration. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.parse(text);
    }
}
