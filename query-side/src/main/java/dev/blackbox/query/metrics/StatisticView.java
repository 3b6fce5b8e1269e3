package dev.blackbox.query.metrics;

import java.util.List;

/**
 * One time metric over many incidents, in seconds. {@code samples} counts the incidents that
 * have the metric; percentiles use the nearest-rank method, so they are observed values.
 */
public record StatisticView(int samples, Double mean, Long p50, Long p90, Long max) {

    static StatisticView of(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return new StatisticView(0, null, null, null, null);
        }
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElseThrow();
        return new StatisticView(sorted.size(), mean, nearestRank(sorted, 50), nearestRank(sorted, 90),
                sorted.get(sorted.size() - 1));
    }

    private static Long nearestRank(List<Long> sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
