package dev.blackbox.query.metrics;

import java.time.Instant;
import java.util.List;

/** SPEC §7 aggregates over a window: the overall figures and, when asked, one entry per group. */
public record AggregateMetricsView(
        Instant from,
        Instant to,
        String groupBy,
        MetricsSummaryView overall,
        List<MetricsSummaryView> groups) {

    public AggregateMetricsView {
        groups = List.copyOf(groups);
    }
}
