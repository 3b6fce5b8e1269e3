package dev.blackbox.query.metrics;

import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.query.Events;
import dev.blackbox.query.ReadSide;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static dev.blackbox.events.Severity.SEV2;
import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §7, one definition at a time, including the missing-event nulls. */
class IncidentMetricsTest {

    private final ReadSide readSide = new ReadSide(Clock.systemUTC());
    private final Events inc = new Events("inc-1");

    private IncidentMetricsView metrics() {
        return readSide.find(new FindIncidentMetrics("inc-1"), IncidentMetricsView.class).orElseThrow();
    }

    @Test
    void timeToDetectIsDetectionMinusImpactStart() {
        readSide.publish(inc.detected("15:00", "14:15", SEV2, false));

        assertThat(metrics().timeToDetectSeconds()).isEqualTo(2700);
        assertThat(metrics().timeToDetect()).isEqualTo("PT45M");
    }

    @Test
    void timeToDetectIsZeroWhenTheImpactStartIsUnknown() {
        readSide.publish(inc.detected("15:00", SEV2));

        assertThat(metrics().timeToDetectSeconds()).isZero();
    }

    @Test
    void timeToAcknowledgeUsesTheEarliestAcknowledgementEvenWhenItArrivesLate() {
        readSide.publish(inc.detected("15:00", SEV2), inc.acknowledged("15:30", "b"), inc.acknowledged("15:15", "a"));

        assertThat(metrics().timeToAcknowledgeSeconds()).isEqualTo(900);
        assertThat(metrics().timeToAcknowledge()).isEqualTo("PT15M");
    }

    @Test
    void timeToAcknowledgeIsNullWithoutAcknowledgement() {
        readSide.publish(inc.detected("15:00", SEV2), inc.resolved("16:00"));

        assertThat(metrics().timeToAcknowledgeSeconds()).isNull();
        assertThat(metrics().timeToAcknowledge()).isNull();
    }

    @Test
    void timeToMitigateUsesTheEarliestMitigationFromImpactStart() {
        readSide.publish(inc.detected("15:00", "14:00", SEV2, false), inc.mitigated("16:00"), inc.mitigated("15:30"),
                inc.resolved("20:00"));

        assertThat(metrics().timeToMitigateSeconds()).isEqualTo(5400);
        assertThat(metrics().timeToResolveSeconds()).isEqualTo(21600);
    }

    @Test
    void timeToMitigateIsTheResolutionWhenNeverMitigated() {
        readSide.publish(inc.detected("15:00", SEV2), inc.resolved("17:00"));

        assertThat(metrics().timeToMitigateSeconds()).isEqualTo(7200);
        assertThat(metrics().timeToMitigate()).isEqualTo("PT2H");
    }

    @Test
    void timesToMitigateAndResolveAreNullWhileOpen() {
        readSide.publish(inc.detected("15:00", SEV2), inc.acknowledged("15:05", "a"));

        assertThat(metrics().timeToMitigateSeconds()).isNull();
        assertThat(metrics().timeToResolveSeconds()).isNull();
    }

    @Test
    void timeToResolveIsNullWhileReopenedAndUsesTheFinalResolution() {
        readSide.publish(inc.detected("15:00", SEV2), inc.resolved("16:00"));
        assertThat(metrics().timeToResolveSeconds()).isEqualTo(3600);

        readSide.publish(inc.reopened("17:00"));
        assertThat(metrics().timeToResolveSeconds()).isNull();
        assertThat(metrics().timeToMitigateSeconds()).isNull();

        readSide.publish(inc.resolved("19:00"));
        assertThat(metrics().timeToResolveSeconds()).isEqualTo(14400);
        assertThat(metrics().timeToMitigateSeconds()).isEqualTo(14400);
    }

    @Test
    void aMitigationBeforeAReopenStillCountsAsTheFirstMitigation() {
        readSide.publish(inc.detected("15:00", SEV2), inc.mitigated("15:20"), inc.resolved("16:00"),
                inc.reopened("17:00"));

        assertThat(metrics().timeToMitigateSeconds()).isEqualTo(1200);
        assertThat(metrics().timeToResolveSeconds()).isNull();
    }

    @Test
    void timeToRootCauseUsesTheLatestIdentificationFromDetection() {
        readSide.publish(inc.detected("15:00", "14:00", SEV2, false),
                inc.rootCause("15:30", "first idea", RootCauseCategory.DATABASE),
                inc.rootCause("16:10", "real cause", RootCauseCategory.NETWORK),
                inc.rootCause("15:50", "back-filled", RootCauseCategory.CODE_CHANGE));

        assertThat(metrics().timeToRootCauseSeconds()).isEqualTo(4200);
    }

    @Test
    void timeToRootCauseIsNullWithoutIdentification() {
        readSide.publish(inc.detected("15:00", SEV2), inc.resolved("16:00"));

        assertThat(metrics().timeToRootCauseSeconds()).isNull();
        assertThat(metrics().timeToRootCause()).isNull();
    }

    @Test
    void timeOnMisleadingPathsSumsOnlyRuledOutHypotheses() {
        readSide.publish(inc.detected("15:00", SEV2),
                inc.hypothesis("15:10", "h1", "db"), inc.hypothesis("15:20", "h2", "cache"),
                inc.hypothesis("15:30", "h3", "lb"), inc.hypothesis("15:40", "h4", "dns"),
                inc.ruledOut("15:40", "h1"), inc.ruledOut("16:20", "h2"), inc.confirmed("17:00", "h3"));

        IncidentMetricsView metrics = metrics();
        assertThat(metrics.timeOnMisleadingPathsSeconds()).isEqualTo(1800 + 3600);
        assertThat(metrics.timeOnMisleadingPaths()).isEqualTo("PT1H30M");
        assertThat(metrics.hypothesisCount()).isEqualTo(4);
        assertThat(metrics.ruledOutCount()).isEqualTo(2);
    }

    @Test
    void timeOnMisleadingPathsIsZeroWhenNothingWasRuledOut() {
        readSide.publish(inc.detected("15:00", SEV2), inc.hypothesis("15:10", "h1", "db"));

        assertThat(metrics().timeOnMisleadingPathsSeconds()).isZero();
        assertThat(metrics().ruledOutCount()).isZero();
    }

    @Test
    void escalationsAreCounted() {
        readSide.publish(inc.detected("15:00", SEV2), inc.escalated("15:10", "a"), inc.escalated("15:20", "b"));

        assertThat(metrics().escalationCount()).isEqualTo(2);
    }

    @Test
    void anUnknownIncidentHasNoMetrics() {
        assertThat(readSide.find(new FindIncidentMetrics("nope"), IncidentMetricsView.class)).isEmpty();
    }
}
