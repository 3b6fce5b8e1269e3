package dev.blackbox.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Measures Blackbox against the targets of SPEC §11, and in the same run the ceilings it is compared
 * with: the cheapest authenticated request under the same client load, and the database alone
 * storing as many event-shaped rows. Ratios travel between machines; absolute figures do not.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        Report report = new Report(options);
        switch (options.workload()) {
            case "ingest" -> ingest(options, report);
            case "big-incident" -> BigIncident.run(options, report);
            case "lag" -> ReadSide.lag(options, report);
            case "postmortem" -> ReadSide.postmortem(options, report);
            case "rebuild" -> ReadSide.rebuild(options, report);
            case "search" -> ReadSide.search(options, report);
            case "alert-storm" -> AlertStorm.run(options, report);
            case "room" -> Room.run(options, report);
            case "subscriptions" -> Subscriptions.run(options, report);
            default -> {
                System.err.println("unknown workload " + options.workload());
                System.err.print(Options.USAGE);
                System.exit(2);
            }
        }
        report.print();
        report.write(options.output());
    }

    private static void ingest(Options options, Report report) throws Exception {
        if (options.token() == null) {
            throw new IllegalArgumentException("ingest needs --token (role responder or admin)");
        }
        String runId = UUID.randomUUID().toString().substring(0, 8);
        progress("ingest: %d bots over %d incidents, %ds warm-up then %ds measured",
                options.bots(), options.incidents(), options.warmup().toSeconds(), options.duration().toSeconds());
        Load.Spread spread = Load.spread("ingest (commands)", options.commandUrls(), options.token(), options.bots(),
                options.warmup(), options.duration(),
                bot -> new IngestBot(runId, bot, options.bots(), options.incidents()));
        Load.Result ingest = spread.total();
        report.add(ingest);
        addShares(report, spread);
        Load.Spread meSpread = meCeiling(options, options.commandUrls(), options.token());
        Load.Result me = meSpread.total();
        report.add(me);
        addShares(report, meSpread);
        JdbcCeilings jdbc = jdbcCeilings(options, ingest.requests(), report);
        report.ratio("commands/s ÷ GET /api/v1/me/s", ingest.perSecond() / me.perSecond());
        report.ratio("commands/s ÷ jdbc 1 row/commit rows/s", ingest.perSecond() / jdbc.onePerCommit().perSecond());
        report.ratio("commands/s ÷ jdbc batched rows/s", ingest.perSecond() / jdbc.batched().perSecond());
        report.ratio("command p99 ÷ GET /api/v1/me p99", p99(ingest) / p99(me));
        if (options.axonServer() != null) {
            progress("ceiling: Axon Server %s appending from %d threads, %ds measured", options.axonServer(),
                    options.bots(), options.ceilingDuration().toSeconds());
            Load.Result appends = AxonServerCeiling.appends(options.axonServer(), "default", options.bots(),
                    Duration.ofSeconds(5), options.ceilingDuration());
            report.add(appends);
            report.ratio("commands/s ÷ axon server appends/s", ingest.perSecond() / appends.perSecond());
            report.ratio("command p99 ÷ axon server append p99", p99(ingest) / p99(appends));
        }
    }

    static Load.Result meCeiling(Options options, URI url, String token) throws InterruptedException {
        return meCeiling(options, List.of(url), token).total();
    }

    /** The ceiling with the bots spread over {@code urls} as the measured load was. */
    static Load.Spread meCeiling(Options options, List<URI> urls, String token) throws InterruptedException {
        Duration warmup = options.warmup().compareTo(Duration.ofSeconds(10)) < 0 ? options.warmup() : Duration.ofSeconds(10);
        progress("ceiling: GET /api/v1/me from %d bots, %ds warm-up then %ds measured",
                options.bots(), warmup.toSeconds(), options.ceilingDuration().toSeconds());
        return Load.spread("ceiling GET /api/v1/me", urls, token, options.bots(), warmup, options.ceilingDuration(),
                bot -> connection -> connection.get("/api/v1/me"));
    }

    /** Each process's share of a load spread over several, after the whole. */
    static void addShares(Report report, Load.Spread spread) {
        if (spread.perProcess().size() > 1) {
            spread.perProcess().forEach(report::add);
        }
    }

    /**
     * The JDBC ceilings, in a fresh H2 file with the server's URL options unless another database is
     * named: inserts one row per commit, inserts in batches, and an ordered scan of what was inserted.
     */
    record JdbcCeilings(JdbcCeiling.Result onePerCommit, JdbcCeiling.Result batched, JdbcCeiling.Result scan) {
    }

    private static final long ONE_PER_COMMIT_MAX_ROWS = 100_000;

    static JdbcCeilings jdbcCeilings(Options options, long rows, Report report) throws Exception {
        Path scratch = null;
        String url = options.jdbcUrl();
        if (url == null) {
            scratch = Files.createTempDirectory("blackbox-bench-jdbc");
            url = "jdbc:h2:file:" + scratch.resolve("ceiling") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        }
        try {
            JdbcCeiling ceiling = new JdbcCeiling(url, options.jdbcUser(), options.jdbcPassword());
            // A rate needs no more: a million single-row commits take minutes, and H2 keeps every
            // commit's freed pages for a while, so they would fill tens of gigabytes of disk.
            long singles = Math.min(rows, ONE_PER_COMMIT_MAX_ROWS);
            progress("ceiling: %d rows over JDBC, one per commit from %d threads", singles, options.bots());
            JdbcCeiling.Result single = ceiling.onePerCommit(singles, options.bots());
            report.add(single);
            progress("ceiling: %d rows over JDBC, %d per commit", rows, options.jdbcBatch());
            JdbcCeiling.Result batched = ceiling.batched(rows, options.jdbcBatch());
            report.add(batched);
            JdbcCeiling.Result scan = ceiling.scan();
            report.add(scan);
            report.figure("jdbc ceiling database", url);
            return new JdbcCeilings(single, batched, scan);
        } finally {
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
    }

    static double p99(Load.Result result) {
        return result.latencyMicros().getValueAtPercentile(99);
    }

    static void progress(String format, Object... args) {
        System.out.printf("[%tT load %s] %s%n", System.currentTimeMillis(), Machine.loadAverage(),
                String.format(format, args));
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
