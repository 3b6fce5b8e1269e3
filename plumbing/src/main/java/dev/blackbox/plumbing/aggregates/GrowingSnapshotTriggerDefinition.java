package dev.blackbox.plumbing.aggregates;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AbstractSnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

/**
 * Snapshots an aggregate after {@code threshold} events, or after {@code percent} of the events it
 * already has when that is more.
 * <p>
 * Axon's {@code EventCountSnapshotTriggerDefinition} snapshots every {@code threshold} events
 * however large the aggregate is. A snapshot costs in proportion to the aggregate: the snapshotter
 * reads the previous snapshot and the events after it, then writes the whole state again. At a fixed
 * interval each event of a large aggregate therefore costs more, without bound; an interval that
 * grows with the aggregate keeps the cost per event flat. Loading it replays at most that share of
 * its events after the snapshot.
 */
public final class GrowingSnapshotTriggerDefinition implements SnapshotTriggerDefinition {

    private final Snapshotter snapshotter;
    private final int threshold;
    private final int percent;

    public GrowingSnapshotTriggerDefinition(Snapshotter snapshotter, int threshold, int percent) {
        if (threshold < 1 || percent < 0) {
            throw new IllegalArgumentException("a snapshot threshold of at least 1 event and a percentage of"
                    + " at least 0 are needed, got " + threshold + " and " + percent);
        }
        this.snapshotter = snapshotter;
        this.threshold = threshold;
        this.percent = percent;
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new Trigger(snapshotter, aggregateType, threshold, percent);
    }

    @Override
    public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
        if (trigger instanceof Trigger growing) {
            growing.setSnapshotter(snapshotter);
            return growing;
        }
        return prepareTrigger(aggregateType);
    }

    private static final class Trigger extends AbstractSnapshotTrigger {

        private static final long serialVersionUID = 1L;

        private final int threshold;
        private final int percent;
        private long sequence;
        private int sinceSnapshot;

        Trigger(Snapshotter snapshotter, Class<?> aggregateType, int threshold, int percent) {
            super(snapshotter, aggregateType);
            this.threshold = threshold;
            this.percent = percent;
        }

        @Override
        public void eventHandled(EventMessage<?> message) {
            // A loaded snapshot arrives here too, carrying the sequence of the last event it holds.
            if (message instanceof DomainEventMessage<?> domainEvent) {
                sequence = domainEvent.getSequenceNumber();
            }
            super.eventHandled(message);
        }

        @Override
        protected boolean exceedsThreshold() {
            return ++sinceSnapshot >= Math.max(threshold, (sequence + 1) * percent / 100);
        }

        @Override
        protected void reset() {
            sinceSnapshot = 0;
        }
    }
}
