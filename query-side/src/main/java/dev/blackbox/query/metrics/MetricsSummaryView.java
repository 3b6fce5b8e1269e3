package dev.blackbox.query.metrics;

/** Aggregates of one group of incidents ({@code group} is "all" for the overall figures). */
public record MetricsSummaryView(
        String group,
        int count,
        StatisticView timeToDetectSeconds,
        StatisticView timeToAcknowledgeSeconds,
        StatisticView timeToMitigateSeconds,
        StatisticView timeToResolveSeconds,
        StatisticView timeToRootCauseSeconds,
        StatisticView timeOnMisleadingPathsSeconds) {
}
