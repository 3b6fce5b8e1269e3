package dev.blackbox.query;

import dev.blackbox.events.ActionOutcome;
import dev.blackbox.events.CorrectiveActionKind;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.query.timeline.FindTimeline;
import dev.blackbox.query.timeline.TimelineEntryView;
import dev.blackbox.query.timeline.TimelineView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.blackbox.events.Severity.SEV2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read models' writes held back until their processor's batch commits. */
class ProcessorBatchTest {

    private final ReadSide readSide = new ReadSide(Clock.systemUTC());

    @Test
    void everyRowOfABatchLandsWhenItCommits() {
        List<IncidentEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.addAll(incident("inc-" + i));
        }

        readSide.inBatchesOf(10_000).publish(events);

        assertThat(count("incident_summary")).isEqualTo(40);
        assertThat(count("incident_service")).isEqualTo(80);
        assertThat(count("timeline_entry")).isEqualTo(events.size());
        assertThat(count("investigation_hypothesis")).isEqualTo(80);
        assertThat(count("investigation_action")).isEqualTo(40);
        assertThat(count("investigation_escalation")).isEqualTo(40);
        assertThat(count("incident_metrics")).isEqualTo(40);
        assertThat(count("incident_metrics_hypothesis")).isEqualTo(80);
        assertThat(count("corrective_action")).isEqualTo(40);
        assertThat(count("postmortem_conclusion")).isEqualTo(40);
        assertThat(readSide.jdbc().getJdbcOperations().queryForObject(
                "SELECT COUNT(*) FROM investigation_hypothesis WHERE status = 'RULED_OUT'", Long.class)).isEqualTo(40);
        assertThat(readSide.jdbc().getJdbcOperations().queryForObject(
                "SELECT SUM(misleading_seconds) FROM incident_metrics", Long.class)).isEqualTo(40 * 20 * 60);
        assertThat(readSide.jdbc().getJdbcOperations().queryForObject(
                "SELECT COUNT(*) FROM corrective_action WHERE completed_at IS NOT NULL", Long.class)).isEqualTo(40);
    }

    @Test
    void aHypothesisRuledOutInALaterBatchMisledFromItsRecording() {
        Events inc = new Events("split");
        readSide.inBatchesOf(2).publish(inc.detected("15:00", SEV2), inc.hypothesis("15:02", "h1", "db"),
                inc.hypothesis("15:03", "h2", "lb"), inc.ruledOut("15:22", "h1"), inc.ruledOut("15:43", "h2"));

        assertThat(readSide.jdbc().getJdbcOperations().queryForObject(
                "SELECT misleading_seconds FROM incident_metrics WHERE incident_id = 'split'", Long.class))
                .isEqualTo(20 * 60 + 40 * 60);
    }

    @Test
    void aVerdictIsNotNamedAfterAHypothesisWhoseBatchFailedToWrite() {
        refuseEntriesSayingPoison();
        Events inc = new Events("unrecorded");
        readSide.inBatchesOf(100).publish(inc.detected("15:00", SEV2));
        assertThatThrownBy(() -> readSide.publish(inc.hypothesis("15:02", "h1", "The cache is cold"),
                inc.note("15:03", "poison"))).hasStackTraceContaining("NO_POISON");

        readSide.publish(inc.ruledOut("15:22", "h1"));

        assertThat(readSide.find(new FindTimeline("unrecorded"), TimelineView.class).orElseThrow().entries())
                .extracting(TimelineEntryView::text)
                .last().asString().startsWith("Hypothesis ruled out: \"h1\"");
    }

    @Test
    void aBatchThatFailsToWriteLeavesNothingOfItBehind() {
        readSide.inBatchesOf(100).publish(incident("before"));
        refuseEntriesSayingPoison();
        Events failing = new Events("failing");
        List<IncidentEvent> batch = new ArrayList<>(incident("failing"));
        batch.add(failing.note("16:30", "poison"));

        assertThatThrownBy(() -> readSide.publish(batch)).hasStackTraceContaining("NO_POISON");

        assertThat(readSide.find(new FindTimeline("failing"), TimelineView.class)).isEmpty();
        assertThat(readSide.find(new FindTimeline("before"), TimelineView.class).orElseThrow().entries())
                .hasSize(incident("before").size());
    }

    @Test
    void followersGetEveryEntryOfABatchOnceItCommitsAndEndingHypothesesAreNamedWithinIt() {
        Events inc = new Events("followed");
        readSide.publish(inc.detected("15:00", SEV2));
        FindTimeline query = new FindTimeline("followed");
        List<TimelineEntryView> received = follow(query);

        readSide.inBatchesOf(100).publish(inc.hypothesis("15:10", "h1", "The cache is cold"), inc.note("15:15", "warming"),
                inc.ruledOut("15:20", "h1"));

        assertThat(received).extracting(TimelineEntryView::sequence).containsExactly(1L, 2L, 3L);
        assertThat(received.get(2).text()).startsWith("Hypothesis ruled out: \"The cache is cold\"");
        assertThat(readSide.find(query, TimelineView.class).orElseThrow().entries()).hasSize(4);
    }

    @Test
    void followersAreSentNothingOfABatchThatFailsToWrite() {
        refuseEntriesSayingPoison();
        Events inc = new Events("followed");
        readSide.publish(inc.detected("15:00", SEV2));
        FindTimeline query = new FindTimeline("followed");
        List<TimelineEntryView> received = follow(query);

        assertThatThrownBy(() -> readSide.inBatchesOf(100).publish(inc.note("15:10", "fine"), inc.note("15:15", "poison")))
                .hasStackTraceContaining("NO_POISON");

        assertThat(received).isEmpty();
        assertThat(readSide.find(query, TimelineView.class).orElseThrow().entries()).hasSize(1);
    }

    /** From now on, writing a timeline entry whose text says "poison" fails, and its batch with it. */
    private void refuseEntriesSayingPoison() {
        readSide.jdbc().getJdbcOperations()
                .execute("ALTER TABLE timeline_entry ADD CONSTRAINT no_poison CHECK (entry_text NOT LIKE '%poison%')");
    }

    /** Subscribes to the timeline as a live follower does; the list fills with the updates it is sent. */
    private List<TimelineEntryView> follow(FindTimeline query) {
        SubscriptionQueryResult<Optional<TimelineView>, TimelineEntryView> subscription =
                readSide.queryGateway().subscriptionQuery(QueryMessage.queryName(query), query,
                        ResponseTypes.optionalInstanceOf(TimelineView.class),
                        ResponseTypes.instanceOf(TimelineEntryView.class), 100);
        subscription.initialResult().block();
        List<TimelineEntryView> received = new ArrayList<>();
        subscription.updates().subscribe(received::add);
        return received;
    }

    /**
     * Twelve events touching every table: two services, two hypotheses (one ruled out after 20
     * minutes, one confirmed), an action, an escalation, a completed corrective action, a conclusion.
     */
    private static List<IncidentEvent> incident(String id) {
        Events inc = new Events(id);
        return List.of(inc.detected("15:00", SEV2, "web", "api"), inc.acknowledged("15:01", "alice"),
                inc.hypothesis("15:02", "h1", "db"), inc.hypothesis("15:03", "h2", "lb"),
                inc.action("15:04", "a1", ActionOutcome.NO_EFFECT, "h1"), inc.escalated("15:05", "db-team"),
                inc.ruledOut("15:22", "h1"), inc.confirmed("15:30", "h2"), inc.resolved("16:00"),
                inc.correctiveAction("16:10", "ca1", CorrectiveActionKind.TASK, "bob", null),
                inc.completed("16:20", "ca1"), inc.conclusion("16:25", "done"));
    }

    private long count(String table) {
        return readSide.jdbc().getJdbcOperations().queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
