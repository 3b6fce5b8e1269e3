package dev.blackbox.plumbing.aggregates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;

class GrowingSnapshotTriggerDefinitionTest {

    private final List<String> scheduled = new ArrayList<>();
    private final Snapshotter snapshotter = (type, id) -> scheduled.add(id);

    @Test
    void aSmallAggregateIsSnapshottedEveryThresholdEvents() {
        SnapshotTrigger trigger = new GrowingSnapshotTriggerDefinition(snapshotter, 250, 10).prepareTrigger(Object.class);

        List<Long> at = feed(trigger, 0, 1_000);

        assertThat(at).containsExactly(249L, 499L, 749L, 999L);
    }

    @Test
    void aLargeAggregateIsSnapshottedAfterAShareOfItsEvents() {
        SnapshotTrigger trigger = new GrowingSnapshotTriggerDefinition(snapshotter, 250, 10).prepareTrigger(Object.class);

        List<Long> at = feed(trigger, 0, 100_000);

        // A fixed interval of 250 would have taken 400 snapshots, each as large as the aggregate.
        assertThat(at).hasSizeBetween(40, 60);
        long previous = -1;
        for (long sequence : at) {
            assertThat(sequence - previous).as("events since the snapshot before the one at " + sequence)
                    .isGreaterThanOrEqualTo(250)
                    .isLessThanOrEqualTo(Math.max(250, (sequence + 1) / 10));
            previous = sequence;
        }
        assertThat(100_000 - 1 - previous).as("events after the latest snapshot").isLessThan(10_000);
    }

    @Test
    void anAggregateLoadedFromASnapshotCountsFromTheSnapshotsSequence() {
        SnapshotTrigger trigger = new GrowingSnapshotTriggerDefinition(snapshotter, 250, 10).prepareTrigger(Object.class);
        trigger.eventHandled(event(49_999)); // the snapshot: the state up to event 49,999
        trigger.initializationFinished();

        List<Long> at = feed(trigger, 50_000, 60_000);

        // Events 50,000 to 55,553 and the snapshot are 5,555 events, a tenth of the 55,554 it then holds.
        assertThat(at).containsExactly(55_553L);
    }

    @Test
    void noPercentageIsAFixedInterval() {
        SnapshotTrigger trigger = new GrowingSnapshotTriggerDefinition(snapshotter, 250, 0).prepareTrigger(Object.class);

        assertThat(feed(trigger, 0, 100_000)).hasSize(400);
    }

    @Test
    void refusesAThresholdBelowOneEvent() {
        assertThatThrownBy(() -> new GrowingSnapshotTriggerDefinition(snapshotter, 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 event");
    }

    /** Hands the trigger events {@code from} to {@code to} (exclusive); the sequences it snapshotted at. */
    private List<Long> feed(SnapshotTrigger trigger, long from, long to) {
        List<Long> at = new ArrayList<>();
        for (long sequence = from; sequence < to; sequence++) {
            int before = scheduled.size();
            trigger.eventHandled(event(sequence));
            if (scheduled.size() > before) {
                at.add(sequence);
            }
        }
        return at;
    }

    private static GenericDomainEventMessage<String> event(long sequence) {
        return new GenericDomainEventMessage<>("Incident", "big", sequence, "note " + sequence);
    }
}
