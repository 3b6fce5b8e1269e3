package dev.blackbox.query.metrics;

import dev.blackbox.events.ContributingFactorIdentified;
import dev.blackbox.events.ContributingFactorWithdrawn;
import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.events.HypothesisRuledOut;
import dev.blackbox.events.ImpactAssessed;
import dev.blackbox.events.IncidentAcknowledged;
import dev.blackbox.events.IncidentEscalated;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.events.IncidentMitigated;
import dev.blackbox.events.IncidentReopened;
import dev.blackbox.events.IncidentResolved;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.events.RootCauseIdentified;
import dev.blackbox.events.SeverityChanged;
import dev.blackbox.query.IncidentFacts;
import dev.blackbox.query.replay.ReadModel;
import dev.blackbox.query.replay.ReadModelProcessor;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

import static dev.blackbox.query.SqlTimes.earliest;

/**
 * SPEC §7. "First" acknowledgement and mitigation are the earliest in the world's time, so
 * back-filled facts count where they happened; the final resolution is the last one the
 * aggregate accepted, and a reopen clears it until the incident is resolved again. Events at or
 * below the row's last sequence number were applied already, which makes a replay harmless.
 */
@Component
@ProcessingGroup(ReadModelProcessor.PROCESSING_GROUP)
@ReadModel(IncidentMetricsProjection.NAME)
public class IncidentMetricsProjection {

    public static final String NAME = "incident-metrics";

    private static final String OVERALL = "all";
    private static final String NO_ROOT_CAUSE = "NOT_IDENTIFIED";
    private static final String NO_FACTORS = "NONE";

    private final MetricsRepository repository;

    public IncidentMetricsProjection(MetricsRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    void on(IssueDetected event, @SequenceNumber long sequence) {
        if (repository.find(event.incidentId()).isPresent()) {
            return;
        }
        MetricsRow row = new MetricsRow();
        row.detected(event, sequence);
        repository.insert(row);
    }

    @EventHandler
    void on(IncidentAcknowledged event, @SequenceNumber long sequence) {
        change(event, sequence, row -> row.firstAcknowledgedAt = earliest(row.firstAcknowledgedAt, event.occurredAt()));
    }

    @EventHandler
    void on(IncidentEscalated event, @SequenceNumber long sequence) {
        change(event, sequence, row -> row.escalationCount++);
    }

    @EventHandler
    void on(HypothesisRecorded event, @SequenceNumber long sequence) {
        change(event, sequence, row -> {
            row.hypothesisCount++;
            repository.recordHypothesis(event.incidentId(), event.hypothesisId(), event.occurredAt());
        });
    }

    @EventHandler
    void on(HypothesisRuledOut event, @SequenceNumber long sequence) {
        change(event, sequence, row -> {
            row.ruledOutCount++;
            row.misleadingSeconds += repository.secondsMisledBy(event.incidentId(), event.hypothesisId(),
                    event.occurredAt());
        });
    }

    @EventHandler
    void on(ImpactAssessed event, @SequenceNumber long sequence) {
        change(event, sequence, row -> row.impactAssessed(event));
    }

    @EventHandler
    void on(SeverityChanged event, @SequenceNumber long sequence) {
        change(event, sequence, row -> row.severityChanged(event));
    }

    @EventHandler
    void on(RootCauseIdentified event, @SequenceNumber long sequence) {
        change(event, sequence, row -> row.rootCauseIdentified(event));
    }

    @EventHandler
    void on(IncidentMitigated event, @SequenceNumber long sequence) {
        change(event, sequence, row -> row.firstMitigatedAt = earliest(row.firstMitigatedAt, event.occurredAt()));
    }

    @EventHandler
    void on(IncidentResolved event, @SequenceNumber long sequence) {
        change(event, sequence, row -> row.resolvedAt = event.occurredAt());
    }

    @EventHandler
    void on(IncidentReopened event, @SequenceNumber long sequence) {
        change(event, sequence, row -> row.resolvedAt = null);
    }

    /** A factor without a category counts as UNKNOWN, as a root cause without one does. */
    @EventHandler
    void on(ContributingFactorIdentified event, @SequenceNumber long sequence) {
        RootCauseCategory category = event.category() == null ? RootCauseCategory.UNKNOWN : event.category();
        change(event, sequence, row -> repository.identifyFactor(event.incidentId(), event.factorId(), category));
    }

    @EventHandler
    void on(ContributingFactorWithdrawn event, @SequenceNumber long sequence) {
        change(event, sequence, row -> repository.withdrawFactor(event.incidentId(), event.factorId()));
    }

    @ResetHandler
    void reset() {
        repository.deleteAll();
    }

    /** {@code null} when unknown: callers ask for an optional answer, and an {@code Optional} cannot cross Axon Server. */
    @QueryHandler
    IncidentMetricsView handle(FindIncidentMetrics query) {
        return repository.findView(query.incidentId()).orElse(null);
    }

    @QueryHandler
    AggregateMetricsView handle(FindAggregateMetrics query) {
        List<MetricsRow> rows = repository.window(query.from(), query.to());
        List<MetricsSummaryView> groups = new ArrayList<>();
        if (query.groupBy() != null) {
            // Sorted keys put severities from SEV1 down, which their names already sort as.
            Map<String, List<MetricsRow>> byKey = new TreeMap<>();
            for (MetricsRow row : rows) {
                keysOf(row, query.groupBy()).forEach(key -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row));
            }
            byKey.forEach((key, members) -> groups.add(summarise(key, members)));
        }
        return new AggregateMetricsView(query.from(), query.to(),
                query.groupBy() == null ? null : query.groupBy().parameter(), summarise(OVERALL, rows), groups);
    }

    private static List<String> keysOf(MetricsRow row, MetricsGrouping grouping) {
        return switch (grouping) {
            case SEVERITY -> List.of(row.severity.name());
            case SERVICE -> row.services;
            case ROOT_CAUSE_CATEGORY -> List.of(row.rootCauseCategory == null ? NO_ROOT_CAUSE : row.rootCauseCategory.name());
            case FACTOR_CATEGORY -> row.factorCategories.isEmpty() ? List.of(NO_FACTORS) : List.copyOf(row.factorCategories);
        };
    }

    private static MetricsSummaryView summarise(String group, List<MetricsRow> rows) {
        return new MetricsSummaryView(group, rows.size(),
                statistic(rows, MetricsRow::timeToDetect),
                statistic(rows, MetricsRow::timeToAcknowledge),
                statistic(rows, MetricsRow::timeToMitigate),
                statistic(rows, MetricsRow::timeToResolve),
                statistic(rows, MetricsRow::timeToRootCause),
                statistic(rows, row -> row.misleadingSeconds));
    }

    private static StatisticView statistic(List<MetricsRow> rows, Function<MetricsRow, Long> metric) {
        return StatisticView.of(rows.stream().map(metric).filter(Objects::nonNull).toList());
    }

    private void change(IncidentEvent event, long sequence, Consumer<MetricsRow> change) {
        IncidentFacts.change(repository.find(event.incidentId()), sequence, change, repository::update);
    }
}
