package dev.blackbox.query.metrics;

import dev.blackbox.events.ContributingFactorKind;
import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.events.Severity;
import dev.blackbox.query.Events;
import dev.blackbox.query.ReadSide;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static dev.blackbox.events.Severity.SEV1;
import static dev.blackbox.events.Severity.SEV2;
import static dev.blackbox.events.Severity.SEV3;
import static dev.blackbox.query.Events.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AggregateMetricsTest {

    private final ReadSide readSide = new ReadSide(Clock.systemUTC());

    private AggregateMetricsView aggregate(String from, String to, MetricsGrouping groupBy) {
        return readSide.ask(new FindAggregateMetrics(from == null ? null : at(from), to == null ? null : at(to), groupBy),
                AggregateMetricsView.class);
    }

    private void resolvedIncident(String id, String detectedAt, String resolvedAt, Severity severity, String... services) {
        Events inc = new Events(id);
        readSide.publish(inc.detected(detectedAt, severity, services), inc.resolved(resolvedAt));
    }

    @Test
    void statisticsAreMeanNearestRankPercentilesAndMaximum() {
        resolvedIncident("a", "10:00", "10:10", SEV2);
        resolvedIncident("b", "11:00", "11:20", SEV2);
        resolvedIncident("c", "12:00", "12:30", SEV2);
        resolvedIncident("d", "13:00", "14:00", SEV2);
        resolvedIncident("e", "14:00", "16:00", SEV2);

        StatisticView ttr = aggregate(null, null, null).overall().timeToResolveSeconds();

        assertThat(ttr.samples()).isEqualTo(5);
        assertThat(ttr.mean()).isEqualTo(2880.0);
        assertThat(ttr.p50()).isEqualTo(1800);
        assertThat(ttr.p90()).isEqualTo(7200);
        assertThat(ttr.max()).isEqualTo(7200);
    }

    @Test
    void theWindowCoversDetectionsFromInclusiveToExclusiveAndLeavesOutDrills() {
        resolvedIncident("before", "09:59", "10:30", SEV2);
        resolvedIncident("first", "10:00", "10:30", SEV2);
        resolvedIncident("last", "11:59", "12:30", SEV2);
        resolvedIncident("after", "12:00", "12:30", SEV2);
        Events drill = new Events("drill");
        readSide.publish(drill.detected("11:00", null, SEV1, true, "web"));

        MetricsSummaryView overall = aggregate("10:00", "12:00", null).overall();

        assertThat(overall.group()).isEqualTo("all");
        assertThat(overall.count()).isEqualTo(2);
        assertThat(overall.timeToResolveSeconds().samples()).isEqualTo(2);
    }

    @Test
    void metricsMissingFromSomeIncidentsAreAveragedOverTheOthers() {
        Events open = new Events("open");
        readSide.publish(open.detected("10:00", SEV2), open.acknowledged("10:10", "a"));
        resolvedIncident("done", "11:00", "12:00", SEV2);

        MetricsSummaryView overall = aggregate(null, null, null).overall();

        assertThat(overall.count()).isEqualTo(2);
        assertThat(overall.timeToResolveSeconds().samples()).isEqualTo(1);
        assertThat(overall.timeToAcknowledgeSeconds().mean()).isEqualTo(600.0);
        assertThat(overall.timeToRootCauseSeconds().samples()).isZero();
        assertThat(overall.timeToRootCauseSeconds().mean()).isNull();
    }

    @Test
    void groupingBySeverityUsesTheCurrentSeverity() {
        resolvedIncident("a", "10:00", "11:00", SEV2);
        resolvedIncident("b", "10:00", "12:00", SEV3);
        readSide.publish(new Events("b").severity("10:30", SEV3, SEV1));

        AggregateMetricsView view = aggregate(null, null, MetricsGrouping.SEVERITY);

        assertThat(view.groupBy()).isEqualTo("severity");
        assertThat(view.groups()).extracting(MetricsSummaryView::group, MetricsSummaryView::count)
                .containsExactly(tuple("SEV1", 1), tuple("SEV2", 1));
        assertThat(view.groups().get(0).timeToResolveSeconds().max()).isEqualTo(7200);
    }

    @Test
    void groupingByServiceCountsAnIncidentInEachOfItsServices() {
        resolvedIncident("a", "10:00", "11:00", SEV2, "web", "db");
        resolvedIncident("b", "10:00", "12:00", SEV2, "db");

        AggregateMetricsView view = aggregate(null, null, MetricsGrouping.SERVICE);

        assertThat(view.overall().count()).isEqualTo(2);
        assertThat(view.groups()).extracting(MetricsSummaryView::group, MetricsSummaryView::count)
                .containsExactly(tuple("db", 2), tuple("web", 1));
    }

    @Test
    void groupingByRootCauseCategoryPutsUnidentifiedCausesTogether() {
        resolvedIncident("a", "10:00", "11:00", SEV2);
        resolvedIncident("b", "10:00", "12:00", SEV2);
        readSide.publish(new Events("b").rootCause("11:30", "config push", RootCauseCategory.CONFIGURATION));

        AggregateMetricsView view = aggregate(null, null, MetricsGrouping.ROOT_CAUSE_CATEGORY);

        assertThat(view.groups()).extracting(MetricsSummaryView::group)
                .containsExactly("CONFIGURATION", "NOT_IDENTIFIED");
        assertThat(view.groups().get(0).timeToRootCauseSeconds().mean()).isEqualTo(5400.0);
    }

    @Test
    void meterBinderPublishesMttaMttrAndOpenIncidentsBySeverity() {
        Events a = new Events("a");
        Events b = new Events("b");
        readSide.publish(a.detected("10:00", SEV1), a.acknowledged("10:10", "x"), a.resolved("11:00"),
                b.detected("12:00", SEV1), b.acknowledged("12:20", "x"),
                new Events("c").detected("12:00", SEV2), new Events("drill").detected("12:00", null, SEV2, true));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        new IncidentMeters(new MetricsRepository(readSide.jdbc())).bindTo(registry);

        assertThat(registry.get("blackbox.incidents.mtta").gauge().value()).isEqualTo(900.0);
        assertThat(registry.get("blackbox.incidents.mttr").gauge().value()).isEqualTo(3600.0);
        assertThat(registry.get("blackbox.incidents.open").tag("severity", "SEV1").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("blackbox.incidents.open").tag("severity", "SEV2").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("blackbox.incidents.open").tag("severity", "SEV4").gauge().value()).isZero();
    }

    @Test
    void incidentsCountOnceUnderEachCategoryOfTheirStandingFactors() {
        Events a = new Events("a");
        readSide.publish(a.detected("10:00", SEV2), a.resolved("10:30"),
                a.factor("10:40", "f1", ContributingFactorKind.TRIGGER, RootCauseCategory.CAPACITY, "surge"),
                a.factor("10:41", "f2", ContributingFactorKind.CONTRIBUTOR, RootCauseCategory.CAPACITY, "pool"),
                a.factor("10:42", "f3", ContributingFactorKind.RISK, RootCauseCategory.DATABASE, "no replica"));
        Events b = new Events("b");
        readSide.publish(b.detected("11:00", SEV2), b.resolved("11:30"),
                b.factor("11:40", "f1", ContributingFactorKind.CONTRIBUTOR, RootCauseCategory.NETWORK, "a wrong one"),
                b.withdrawn("11:50", "f1"),
                b.factor("11:51", "f2", ContributingFactorKind.CONTRIBUTOR, null, "late page"));
        resolvedIncident("c", "12:00", "12:10", SEV2);

        AggregateMetricsView byFactor = aggregate(null, null, MetricsGrouping.FACTOR_CATEGORY);

        assertThat(byFactor.groupBy()).isEqualTo("factorCategory");
        assertThat(byFactor.groups()).extracting(MetricsSummaryView::group, MetricsSummaryView::count)
                .containsExactly(tuple("CAPACITY", 1), tuple("DATABASE", 1), tuple("NONE", 1), tuple("UNKNOWN", 1));
    }
}
