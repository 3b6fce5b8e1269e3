package dev.blackbox.query.investigation;

import dev.blackbox.events.ActionOutcome;
import dev.blackbox.events.ContributingFactorKind;
import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.query.Events;
import dev.blackbox.query.ReadSide;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static dev.blackbox.events.Severity.SEV2;
import static dev.blackbox.query.Events.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class InvestigationProjectionTest {

    private final ReadSide readSide = new ReadSide(Clock.systemUTC());
    private final Events inc = new Events("inc-1");

    private InvestigationView investigation() {
        return readSide.ask(new FindInvestigation("inc-1"), InvestigationView.class);
    }

    @Test
    void hypothesesCarryTheirStatusEvidenceActionsAndHowLongTheyStayedOpen() {
        readSide.publish(inc.detected("15:00", SEV2),
                inc.hypothesis("15:10", "h1", "db down"),
                inc.action("15:20", "a1", ActionOutcome.NO_EFFECT, "h1"),
                inc.hypothesis("15:25", "h2", "lb config"),
                inc.ruledOut("15:40", "h1"),
                inc.confirmed("16:25", "h2"));

        InvestigationView investigation = investigation();

        HypothesisView h1 = investigation.hypotheses().get(0);
        assertThat(h1.status()).isEqualTo(HypothesisStatus.RULED_OUT);
        assertThat(h1.evidence()).isEqualTo("evidence against h1");
        assertThat(h1.openSeconds()).isEqualTo(1800);
        assertThat(h1.actions()).extracting(ActionView::actionId).containsExactly("a1");
        HypothesisView h2 = investigation.hypotheses().get(1);
        assertThat(h2.status()).isEqualTo(HypothesisStatus.CONFIRMED);
        assertThat(h2.closedAt()).isEqualTo(at("16:25"));
        assertThat(h2.openSeconds()).isEqualTo(3600);
        assertThat(h2.actions()).isEmpty();
    }

    @Test
    void aHypothesisNeverClosedStaysOpenWithoutADuration() {
        readSide.publish(inc.detected("15:00", SEV2), inc.hypothesis("15:10", "h1", "db down"), inc.resolved("16:00"));

        HypothesisView h1 = investigation().hypotheses().get(0);

        assertThat(h1.status()).isEqualTo(HypothesisStatus.OPEN);
        assertThat(h1.closedAt()).isNull();
        assertThat(h1.openSeconds()).isNull();
        assertThat(investigation().misleadingPaths()).isEmpty();
    }

    @Test
    void misleadingPathsAreRuledOutHypothesesAndActionsWithoutEffectOrMakingThingsWorse() {
        readSide.publish(inc.detected("15:00", SEV2),
                inc.hypothesis("15:10", "h1", "db down"),
                inc.action("15:15", "worse", ActionOutcome.MADE_WORSE, "h1"),
                inc.action("15:16", "nothing", ActionOutcome.NO_EFFECT, null),
                inc.action("15:17", "partial", ActionOutcome.PARTIAL, null),
                inc.action("15:18", "fixed", ActionOutcome.RESOLVED_ISSUE, null),
                inc.ruledOut("15:40", "h1"));

        InvestigationView investigation = investigation();

        assertThat(investigation.misleadingPaths())
                .extracting(MisleadingPathView::kind, MisleadingPathView::description, MisleadingPathView::costSeconds)
                .containsExactly(
                        tuple(MisleadingPathView.Kind.RULED_OUT_HYPOTHESIS, "db down", 1800L),
                        tuple(MisleadingPathView.Kind.INEFFECTIVE_ACTION, "did worse", null),
                        tuple(MisleadingPathView.Kind.INEFFECTIVE_ACTION, "did nothing", null));
        assertThat(investigation.actions()).hasSize(4);
    }

    @Test
    void aBackFilledEarlierRootCauseDoesNotReplaceTheLaterOne() {
        readSide.publish(inc.detected("15:00", SEV2),
                inc.rootCause("16:00", "the load balancer", RootCauseCategory.NETWORK),
                inc.rootCause("15:30", "first guess", RootCauseCategory.DATABASE));

        RootCauseView rootCause = investigation().rootCause();

        assertThat(rootCause.summary()).isEqualTo("the load balancer");
        assertThat(rootCause.category()).isEqualTo(RootCauseCategory.NETWORK);
        assertThat(rootCause.identifiedAt()).isEqualTo(at("16:00"));
    }

    @Test
    void escalationsAreListedInTheOrderTheyHappened() {
        readSide.publish(inc.detected("15:00", SEV2), inc.escalated("16:00", "network-team"),
                inc.escalated("15:30", "db-team"));

        assertThat(investigation().escalations()).extracting(EscalationView::target)
                .containsExactly("db-team", "network-team");
    }

    @Test
    void anIncidentWithoutInvestigationHasEmptyState() {
        readSide.publish(inc.detected("15:00", SEV2));

        InvestigationView investigation = investigation();

        assertThat(investigation.hypotheses()).isEmpty();
        assertThat(investigation.rootCause()).isNull();
    }

    @Test
    void contributingFactorsStandNextToTheRootCauseAndAWithdrawnOneIsKeptAsWithdrawn() {
        readSide.publish(inc.detected("15:00", SEV2), inc.resolved("16:00"),
                inc.rootCause("16:10", "pool too small", RootCauseCategory.CAPACITY),
                inc.factor("16:20", "f1", ContributingFactorKind.TRIGGER, RootCauseCategory.CAPACITY, "a login surge"),
                inc.factor("16:21", "f2", ContributingFactorKind.RISK, null, "no read replica"),
                inc.withdrawn("16:30", "f2"));

        InvestigationView investigation = investigation();

        assertThat(investigation.rootCause().summary()).isEqualTo("pool too small");
        assertThat(investigation.contributingFactors())
                .extracting(ContributingFactorView::factorId, ContributingFactorView::kind,
                        ContributingFactorView::category, ContributingFactorView::withdrawnAt)
                .containsExactly(tuple("f1", ContributingFactorKind.TRIGGER, RootCauseCategory.CAPACITY, null),
                        tuple("f2", ContributingFactorKind.RISK, null, at("16:30")));
        assertThat(investigation.contributingFactors().get(1).withdrawalReason()).isEqualTo("not a factor after all");
        assertThat(investigation.standingFactors()).extracting(ContributingFactorView::factorId).containsExactly("f1");
    }

    @Test
    void aRedeliveredIdentificationDoesNotBringBackAWithdrawnFactor() {
        var identified = inc.factor("16:20", "f1", ContributingFactorKind.CONTRIBUTOR, null, "slow escalation");
        readSide.publish(inc.detected("15:00", SEV2), identified, inc.withdrawn("16:30", "f1"));

        readSide.publish(identified);

        assertThat(investigation().standingFactors()).isEmpty();
    }
}
