package dev.blackbox.query.metrics;

import java.time.Instant;

/**
 * Aggregate metrics over incidents detected in [{@code from}, {@code to}); a null bound is open.
 * Drills are left out. {@code groupBy} null means the overall figures only.
 */
public record FindAggregateMetrics(Instant from, Instant to, MetricsGrouping groupBy) {
}
