package dev.blackbox.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Collects a run's figures, prints them as a table and writes them as JSON. */
final class Report {

    private final Map<String, Object> run = new LinkedHashMap<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final Map<String, Double> ratios = new LinkedHashMap<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();

    Report(Options options) {
        run.put("workload", options.workload());
        run.put("startedAt", Instant.now().toString());
        run.put("machine", Machine.describe());
        run.put("loadAverageAtStart", Machine.loadAverage());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("url", options.url().toString());
        settings.put("commandUrls", options.commandUrls().stream().map(URI::toString).toList());
        settings.put("queryUrls", options.queryUrls().stream().map(URI::toString).toList());
        settings.put("bots", options.bots());
        settings.put("incidents", options.incidents());
        settings.put("warmupSeconds", options.warmup().toSeconds());
        settings.put("durationSeconds", options.duration().toSeconds());
        settings.put("ceilingDurationSeconds", options.ceilingDuration().toSeconds());
        settings.put("events", options.events());
        settings.put("serverJvmOptions", options.serverJvmOptions());
        settings.put("serverArgs", options.serverArgs());
        run.put("settings", settings);
    }

    void add(Load.Result result) {
        Map<String, Object> row = row(result.name(), result.requests(), result.perSecond(), result.latencyMicros());
        row.put("errors", result.errors());
        row.put("warmupErrors", result.warmupErrors());
        row.put("errorSamples", result.errorSamples());
        row.put("clientCpuShare", round(result.clientCpuShare()));
        rows.add(row);
    }

    void add(JdbcCeiling.Result result) {
        rows.add(row(result.name(), result.rows(), result.perSecond(), result.commitMicros()));
    }

    void ratio(String name, double value) {
        ratios.put(name, round(value));
    }

    void figure(String name, Object value) {
        figures.put(name, value);
    }

    private Map<String, Object> row(String name, long count, double perSecond, Histogram micros) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("count", count);
        row.put("perSecond", round(perSecond));
        if (micros != null && micros.getTotalCount() > 0) {
            row.put("p50Millis", millis(micros.getValueAtPercentile(50)));
            row.put("p90Millis", millis(micros.getValueAtPercentile(90)));
            row.put("p99Millis", millis(micros.getValueAtPercentile(99)));
            row.put("maxMillis", millis(micros.getMaxValue()));
        }
        row.put("loadAverage", Machine.loadAverage());
        return row;
    }

    void print() {
        System.out.printf(Locale.ROOT, "%n%s — %s%n", run.get("workload"), run.get("machine"));
        System.out.printf(Locale.ROOT, "%-44s %9s %10s %8s %8s %8s %9s %6s  %s%n",
                "measurement", "count", "per s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "load avg");
        for (Map<String, Object> row : rows) {
            System.out.printf(Locale.ROOT, "%-44s %9d %10.1f %8s %8s %8s %9s %6s  %s%n",
                    row.get("name"), (Long) row.get("count"), (Double) row.get("perSecond"),
                    cell(row.get("p50Millis")), cell(row.get("p90Millis")), cell(row.get("p99Millis")),
                    cell(row.get("maxMillis")), cell(row.get("errors")), row.get("loadAverage"));
        }
        for (Map<String, Object> row : rows) {
            if (row.get("warmupErrors") instanceof Long warmupErrors && warmupErrors > 0) {
                System.out.printf(Locale.ROOT, "%-44s %d errors in the warm-up before it%n", row.get("name"), warmupErrors);
            }
        }
        figures.forEach((name, value) -> System.out.printf(Locale.ROOT, "%-44s %s%n", name, value));
        ratios.forEach((name, value) -> System.out.printf(Locale.ROOT, "ratio %-38s %.3f%n", name, value));
    }

    void write(Path file) throws IOException {
        run.put("loadAverageAtEnd", Machine.loadAverage());
        Map<String, Object> json = new LinkedHashMap<>(run);
        json.put("measurements", rows);
        json.put("figures", figures);
        json.put("ratios", ratios);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        System.out.println("written " + file.toAbsolutePath());
    }

    private static String cell(Object value) {
        return value == null ? "-" : value.toString();
    }

    private static Double millis(long micros) {
        return round(micros / 1000.0);
    }

    /** Three decimals; null where there is no figure, since JSON has no NaN. */
    private static Double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : null;
    }
}
