package dev.blackbox.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.plumbing.web.Problems;
import dev.blackbox.query.metrics.AggregateMetricsView;
import dev.blackbox.query.metrics.FindAggregateMetrics;
import dev.blackbox.query.metrics.MetricsGrouping;
import dev.blackbox.query.metrics.MetricsSummaryView;
import dev.blackbox.query.metrics.StatisticView;
import dev.blackbox.query.web.Reads;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * MTTD, MTTA, MTTM and MTTR over time and by severity, service and root-cause category, with the time
 * lost on misleading paths; drills excluded. Each period is one aggregate-metrics query, the API's.
 */
@Controller
class MetricsPage {

    private static final int PERIODS = 12;
    /** Each period is a query; a page of more would keep a request busy for long. */
    private static final int MAX_PERIODS = 120;
    private static final Map<String, Function<MetricsSummaryView, StatisticView>> TIMES = times();

    private final Reads reads;
    private final ObjectMapper json;

    MetricsPage(Reads reads, ObjectMapper json) {
        this.reads = reads;
        this.json = json;
    }

    @GetMapping("/metrics")
    String metrics(@RequestParam(defaultValue = "week") String per, @RequestParam(required = false) String from,
                   Model model) throws JsonProcessingException {
        if (!per.equals("week") && !per.equals("month")) {
            throw Problems.invalidField("per", "must be week or month, not '" + per + "'");
        }
        List<LocalDate> starts = starts(per, from);
        List<Long> x = new ArrayList<>();
        Map<String, List<Double>> means = new LinkedHashMap<>();
        TIMES.keySet().forEach(label -> means.put(label, new ArrayList<>()));
        List<Period> periods = new ArrayList<>();
        for (int i = 0; i < starts.size() - 1; i++) {
            Instant start = starts.get(i).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = starts.get(i + 1).atStartOfDay(ZoneOffset.UTC).toInstant();
            MetricsSummaryView overall = reads.one(new FindAggregateMetrics(start, end, null),
                    AggregateMetricsView.class).overall();
            x.add(start.getEpochSecond());
            TIMES.forEach((label, time) -> means.get(label).add(minutes(time.apply(overall).mean())));
            periods.add(Period.of(starts.get(i).toString(), overall));
        }
        Instant first = starts.get(0).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant last = starts.get(starts.size() - 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Grouping> groupings = new ArrayList<>();
        for (MetricsGrouping grouping : MetricsGrouping.values()) {
            List<MetricsSummaryView> groups = reads.one(new FindAggregateMetrics(first, last, grouping),
                    AggregateMetricsView.class).groups();
            List<String> names = groups.stream().map(MetricsSummaryView::group).toList();
            List<Charts.Series> series = TIMES.entrySet().stream()
                    .map(time -> new Charts.Series(time.getKey(), groups.stream()
                            .map(group -> minutes(time.getValue().apply(group).mean())).toList()))
                    .toList();
            groupings.add(new Grouping(grouping.parameter(), title(grouping),
                    json.writeValueAsString(Charts.groups(names, series)),
                    groups.stream().map(group -> Period.of(group.group(), group)).toList()));
        }
        model.addAttribute("per", per);
        model.addAttribute("periods", periods);
        model.addAttribute("overTime", json.writeValueAsString(Charts.overTime(x, means.entrySet().stream()
                .map(mean -> new Charts.Series(mean.getKey(), mean.getValue())).toList())));
        model.addAttribute("groupings", groupings);
        model.addAttribute("from", starts.get(0).toString());
        return "metrics";
    }

    /**
     * The starts of the weeks (Mondays) or months from the one holding {@code from} (default: the last
     * {@link #PERIODS}) to the current one, and the current one's end.
     */
    private static List<LocalDate> starts(String per, String from) {
        boolean weeks = per.equals("week");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate next = weeks ? today.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                : today.with(TemporalAdjusters.firstDayOfNextMonth());
        LocalDate first = weeks ? next.minusWeeks(PERIODS) : next.minusMonths(PERIODS);
        if (from != null && !from.isBlank()) {
            LocalDate date;
            try {
                date = LocalDate.parse(from.strip());
            } catch (DateTimeParseException e) {
                throw Problems.invalidField("from", "must be a date such as 2024-01-01, not '" + from + "'");
            }
            first = weeks ? date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : date.withDayOfMonth(1);
        }
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate start = first; !start.isAfter(next); start = weeks ? start.plusWeeks(1) : start.plusMonths(1)) {
            starts.add(start);
            if (starts.size() > MAX_PERIODS + 1) {
                throw Problems.invalidField("from", "must be at most " + MAX_PERIODS + " " + per + "s ago");
            }
        }
        if (starts.size() < 2) {
            throw Problems.invalidField("from", "must not be in the future");
        }
        return starts;
    }

    private static Double minutes(Double seconds) {
        return seconds == null ? null : Math.round(seconds / 6.0) / 10.0;
    }

    private static String title(MetricsGrouping grouping) {
        return switch (grouping) {
            case SEVERITY -> "By severity";
            case SERVICE -> "By service";
            case ROOT_CAUSE_CATEGORY -> "By root-cause category";
            case FACTOR_CATEGORY -> "By contributing-factor category";
        };
    }

    private static Map<String, Function<MetricsSummaryView, StatisticView>> times() {
        Map<String, Function<MetricsSummaryView, StatisticView>> times = new LinkedHashMap<>();
        times.put("MTTD", MetricsSummaryView::timeToDetectSeconds);
        times.put("MTTA", MetricsSummaryView::timeToAcknowledgeSeconds);
        times.put("MTTM", MetricsSummaryView::timeToMitigateSeconds);
        times.put("MTTR", MetricsSummaryView::timeToResolveSeconds);
        return times;
    }

    /** One row of figures beside a chart: a period or a group, its count and mean times. */
    public record Period(String name, int count, String mttd, String mtta, String mttm, String mttr,
                         String misleading) {

        static Period of(String name, MetricsSummaryView view) {
            return new Period(name, view.count(), mean(view.timeToDetectSeconds()),
                    mean(view.timeToAcknowledgeSeconds()), mean(view.timeToMitigateSeconds()),
                    mean(view.timeToResolveSeconds()), total(view.timeOnMisleadingPathsSeconds()));
        }

        private static String mean(StatisticView statistic) {
            return statistic.mean() == null ? "—" : Formats.duration(Math.round(statistic.mean()));
        }

        /** The time lost on misleading paths, summed over the incidents. */
        private static String total(StatisticView statistic) {
            return statistic.mean() == null ? "—"
                    : Formats.duration(Math.round(statistic.mean() * statistic.samples()));
        }
    }

    /** A grouping's chart and figures. */
    public record Grouping(String parameter, String title, String chart, List<Period> rows) {
    }
}
