package dev.blackbox.query.timeline;

import dev.blackbox.events.ActionOutcome;
import dev.blackbox.events.ContributingFactorKind;
import dev.blackbox.events.CorrectiveActionKind;
import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.query.Events;
import dev.blackbox.query.ReadSide;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static dev.blackbox.events.Severity.SEV1;
import static dev.blackbox.events.Severity.SEV2;
import static dev.blackbox.query.Events.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class TimelineProjectionTest {

    private final ReadSide readSide = new ReadSide(Clock.systemUTC());
    private final Events inc = new Events("inc-1");

    private List<TimelineEntryView> entries() {
        return readSide.find(new FindTimeline("inc-1"), TimelineView.class).orElseThrow().entries();
    }

    @Test
    void entriesAreOrderedByWhenTheyHappenedThenBySequence() {
        readSide.publish(inc.detected("15:00", SEV2),
                inc.hypothesis("15:30", "h1", "db down"),
                inc.escalated("15:30", "db-team"),
                inc.note("14:50", "back-filled: deploy went out"));

        List<TimelineEntryView> entries = entries();

        assertThat(entries).extracting(TimelineEntryView::kind).containsExactly(TimelineEntryKind.NOTE_ADDED,
                TimelineEntryKind.DETECTED, TimelineEntryKind.HYPOTHESIS_RECORDED, TimelineEntryKind.ESCALATED);
        assertThat(entries).extracting(TimelineEntryView::sequence).containsExactly(3L, 0L, 1L, 2L);
        assertThat(entries.get(0).occurredAt()).isEqualTo(at("14:50"));
    }

    @Test
    void contributingFactorsAndTheirWithdrawalAreEntriesOfTheTimeline() {
        readSide.publish(inc.detected("15:00", SEV2), inc.resolved("16:00"),
                inc.factor("16:10", "f1", ContributingFactorKind.TRIGGER, RootCauseCategory.CODE_CHANGE, "a deploy"),
                inc.withdrawn("16:20", "f1"));

        List<TimelineEntryView> entries = entries();

        assertThat(entries).extracting(TimelineEntryView::kind, TimelineEntryView::text).endsWith(
                tuple(TimelineEntryKind.CONTRIBUTING_FACTOR_IDENTIFIED,
                        "Contributing factor identified (trigger, code change): a deploy"),
                tuple(TimelineEntryKind.CONTRIBUTING_FACTOR_WITHDRAWN,
                        "Contributing factor f1 withdrawn: not a factor after all"));
    }

    @Test
    void entriesLinkHypothesesAndActionsAndNameTheHypothesisWhenItEnds() {
        readSide.publish(inc.detected("15:00", SEV2),
                inc.hypothesis("15:10", "h1", "The database is down"),
                inc.action("15:20", "a1", ActionOutcome.MADE_WORSE, "h1"),
                inc.ruledOut("15:30", "h1"));

        List<TimelineEntryView> entries = entries();

        assertThat(entries.get(2).actionId()).isEqualTo("a1");
        assertThat(entries.get(2).hypothesisId()).isEqualTo("h1");
        assertThat(entries.get(2).text()).contains("did a1", "made it worse");
        assertThat(entries.get(3).hypothesisId()).isEqualTo("h1");
        assertThat(entries.get(3).text()).isEqualTo("Hypothesis ruled out: \"The database is down\" — evidence against h1");
        assertThat(entries.get(3).actor()).isEqualTo("oncall");
    }

    @Test
    void everyKindOfEventBecomesAnEntryWithText() {
        readSide.publish(inc.detected("15:00", SEV2), inc.acknowledged("15:01", "alice"),
                inc.escalated("15:02", "db-team"), inc.hypothesis("15:03", "h1", "db"), inc.ruledOut("15:04", "h1"),
                inc.hypothesis("15:05", "h2", "lb"), inc.confirmed("15:06", "h2"),
                inc.action("15:07", "a1", ActionOutcome.RESOLVED_ISSUE, null), inc.impact("15:08", 20, "web"),
                inc.severity("15:09", SEV2, SEV1), inc.rootCause("15:10", "lb config", RootCauseCategory.NETWORK),
                inc.mitigated("15:11"), inc.resolved("15:12"), inc.reopened("15:13"), inc.resolved("15:14"),
                inc.correctiveAction("15:15", "ca1", CorrectiveActionKind.TASK, "bob", "2024-02-07T00:00:00Z"),
                inc.completed("15:16", "ca1"), inc.note("15:17", "hello"), inc.conclusion("15:18", "lessons"));

        List<TimelineEntryView> entries = entries();

        assertThat(entries).extracting(TimelineEntryView::kind).containsExactly(TimelineEntryKind.DETECTED,
                TimelineEntryKind.ACKNOWLEDGED, TimelineEntryKind.ESCALATED, TimelineEntryKind.HYPOTHESIS_RECORDED,
                TimelineEntryKind.HYPOTHESIS_RULED_OUT, TimelineEntryKind.HYPOTHESIS_RECORDED,
                TimelineEntryKind.HYPOTHESIS_CONFIRMED, TimelineEntryKind.ACTION_TAKEN,
                TimelineEntryKind.IMPACT_ASSESSED, TimelineEntryKind.SEVERITY_CHANGED,
                TimelineEntryKind.ROOT_CAUSE_IDENTIFIED, TimelineEntryKind.MITIGATED, TimelineEntryKind.RESOLVED,
                TimelineEntryKind.REOPENED, TimelineEntryKind.RESOLVED, TimelineEntryKind.CORRECTIVE_ACTION_ADDED,
                TimelineEntryKind.CORRECTIVE_ACTION_COMPLETED, TimelineEntryKind.NOTE_ADDED,
                TimelineEntryKind.CONCLUSION_WRITTEN);
        assertThat(entries).allSatisfy(e -> assertThat(e.text()).isNotBlank());
        assertThat(entries.get(1).actor()).isEqualTo("alice");
        assertThat(entries.get(2).text()).isEqualTo("Escalated to db-team: needs db-team");
        assertThat(entries.get(9).text()).isEqualTo("Severity changed from SEV2 to SEV1: re-graded");
        assertThat(entries.get(15).text()).isEqualTo("Corrective action added (task, owner bob, due 2024-02-07): work ca1");
        assertThat(entries.get(16).text()).isEqualTo("Corrective action completed: work ca1");
        assertThat(entries.get(16).correctiveActionId()).isEqualTo("ca1");
    }

    @Test
    void anUnknownIncidentHasNoTimeline() {
        assertThat(readSide.find(new FindTimeline("nope"), TimelineView.class)).isEmpty();
    }
}
