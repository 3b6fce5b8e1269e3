package dev.blackbox.query;

import dev.blackbox.events.ActionOutcome;
import dev.blackbox.events.ContributingFactorKind;
import dev.blackbox.events.CorrectiveActionKind;
import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.query.incident.FindIncident;
import dev.blackbox.query.incident.FindIncidents;
import dev.blackbox.query.incident.IncidentListView;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.investigation.FindInvestigation;
import dev.blackbox.query.investigation.InvestigationView;
import dev.blackbox.query.metrics.AggregateMetricsView;
import dev.blackbox.query.metrics.FindAggregateMetrics;
import dev.blackbox.query.metrics.FindIncidentMetrics;
import dev.blackbox.query.metrics.IncidentMetricsView;
import dev.blackbox.query.metrics.MetricsGrouping;
import dev.blackbox.query.postmortem.FindPostmortem;
import dev.blackbox.query.postmortem.PostmortemView;
import dev.blackbox.query.timeline.FindTimeline;
import dev.blackbox.query.timeline.TimelineView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static dev.blackbox.events.Severity.SEV1;
import static dev.blackbox.events.Severity.SEV2;
import static dev.blackbox.events.Severity.SEV3;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events delivered twice (redelivery, replay) must leave every read model as it was, and how the
 * event processors split the stream into batches must not change what the read models say.
 */
class ReplayIdempotencyTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);

    private final ReadSide readSide = new ReadSide(CLOCK);
    private final List<String> incidentIds = new ArrayList<>();

    @BeforeEach
    void publishIncidents() {
        incidentIds.addAll(publishIncidents(readSide));
    }

    private static List<String> publishIncidents(ReadSide readSide) {
        List<String> incidentIds = new ArrayList<>();
        Events inc = new Events("reopened");
        readSide.publish(inc.detected("15:00", SEV2), inc.acknowledged("15:05", "alice"),
                inc.hypothesis("15:10", "h1", "db"), inc.action("15:15", "a1", ActionOutcome.NO_EFFECT, "h1"),
                inc.ruledOut("15:40", "h1"), inc.escalated("15:45", "db-team"), inc.severity("15:50", SEV2, SEV1),
                inc.impact("15:55", 70, "web", "api"), inc.mitigated("16:00"), inc.resolved("16:30"),
                inc.reopened("17:00"), inc.hypothesis("17:10", "h2", "lb"), inc.confirmed("17:30", "h2"),
                inc.rootCause("17:30", "lb config", RootCauseCategory.NETWORK), inc.resolved("18:00"),
                inc.correctiveAction("18:10", "ca1", CorrectiveActionKind.TASK, "bob", null), inc.completed("18:20", "ca1"),
                inc.note("14:55", "back-filled"), inc.conclusion("19:00", "done"),
                inc.factor("18:30", "f1", ContributingFactorKind.TRIGGER, RootCauseCategory.CAPACITY, "a surge"),
                inc.factor("18:31", "f2", ContributingFactorKind.RISK, null, "no replica"),
                inc.withdrawn("18:40", "f2"));
        incidentIds.add("reopened");
        // Facts less than a microsecond apart: the tables keep microseconds, so which one counts as
        // first or latest depends on the stored instants, in a batch as much as event by event.
        Events close = new Events("sub-microsecond");
        readSide.publish(close.detected("2024-01-24T15:00:00.000000400Z", SEV2),
                close.acknowledged("2024-01-24T15:00:00.000000600Z", "alice"),
                close.acknowledged("2024-01-24T15:00:00.000000800Z", "bob"),
                close.severity("2024-01-24T15:00:01.000000600Z", SEV2, SEV1),
                close.severity("2024-01-24T15:00:01.000000800Z", SEV1, SEV3),
                close.hypothesis("2024-01-24T15:00:02.000000600Z", "h1", "db"),
                close.ruledOut("2024-01-24T15:00:04.000000499Z", "h1"),
                close.rootCause("2024-01-24T15:00:05.000000600Z", "first", RootCauseCategory.NETWORK),
                close.rootCause("2024-01-24T15:00:05.000000800Z", "second", RootCauseCategory.CAPACITY),
                close.resolved("2024-01-24T15:00:06.000000500Z"),
                close.conclusion("2024-01-24T15:00:07.000000600Z", "first"),
                close.conclusion("2024-01-24T15:00:07.000000800Z", "second"));
        incidentIds.add("sub-microsecond");
        for (String name : Scenario.NAMES) {
            Scenario scenario = Scenario.load(name);
            readSide.publish(scenario.events());
            incidentIds.add(scenario.incidentId());
        }
        return incidentIds;
    }

    @Test
    void redeliveringEveryEventChangesNothing() {
        List<Object> before = snapshot(readSide);

        readSide.redeliverAll();

        assertThat(snapshot(readSide)).isEqualTo(before);
    }

    @Test
    void rebuildingFromAResetGivesTheSameReadModels() {
        List<Object> before = snapshot(readSide);

        readSide.rebuild();

        assertThat(snapshot(readSide)).isEqualTo(before);
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 3, 1000})
    void processorBatchesOfAnySizeBuildWhatEventsOneByOneBuild(int batchSize) {
        ReadSide batched = new ReadSide(CLOCK).inBatchesOf(batchSize);

        publishIncidents(batched);

        assertThat(snapshot(batched)).isEqualTo(snapshot(readSide));
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {3, 1000})
    void rebuildingInProcessorBatchesGivesTheSameReadModels(int batchSize) {
        List<Object> before = snapshot(readSide);

        readSide.inBatchesOf(batchSize).rebuild();

        assertThat(snapshot(readSide)).isEqualTo(before);
    }

    @Test
    void redeliveringInProcessorBatchesChangesNothing() {
        List<Object> before = snapshot(readSide);

        readSide.inBatchesOf(7).redeliverAll();

        assertThat(snapshot(readSide)).isEqualTo(before);
    }

    private List<Object> snapshot(ReadSide readSide) {
        List<Object> views = new ArrayList<>();
        views.add(readSide.ask(new FindIncidents(null, null, null, null, null, null, 0, 100), IncidentListView.class));
        for (MetricsGrouping grouping : MetricsGrouping.values()) {
            views.add(readSide.ask(new FindAggregateMetrics(null, null, grouping), AggregateMetricsView.class));
        }
        for (String id : incidentIds) {
            views.add(readSide.find(new FindIncident(id), IncidentView.class).orElseThrow());
            views.add(readSide.find(new FindTimeline(id), TimelineView.class).orElseThrow());
            views.add(readSide.ask(new FindInvestigation(id), InvestigationView.class));
            views.add(readSide.find(new FindIncidentMetrics(id), IncidentMetricsView.class).orElseThrow());
            views.add(readSide.find(new FindPostmortem(id), PostmortemView.class).orElseThrow());
        }
        return views;
    }
}
