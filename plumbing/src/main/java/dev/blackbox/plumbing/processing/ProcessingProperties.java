package dev.blackbox.plumbing.processing;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the instances that run the same event processor share its segments through the token store
 * (see {@link SegmentBalancer}), and how a rebuild writes. Segments, threads and batch sizes are set per processor under
 * {@code axon.eventhandling.processors.<name>}.
 *
 * @param nodeId            how this instance signs its segment claims; must differ between instances
 *                          (default: the JVM's {@code pid@host}, as in Axon)
 * @param rebalanceInterval how often an instance announces itself and gives up segments beyond its share
 * @param handOverTime      how long a released segment is left to the other instances before this one
 *                          may claim it again; longer than their processors' token claim interval
 * @param rebuildEventsPerWrite about how many replayed events a segment of the read models' processor
 *                          collects before it writes their rows together, sorted
 *                          ({@link dev.blackbox.plumbing.batch.ReplayHolds}): every segment writes as the
 *                          replay passes each multiple of this times the number of segments; what they
 *                          hold is in memory until then, and what a crash drops is replayed again
 */
@ConfigurationProperties("blackbox.processing")
public record ProcessingProperties(
        String nodeId,
        @DefaultValue("5s") Duration rebalanceInterval,
        @DefaultValue("15s") Duration handOverTime,
        @DefaultValue("20000") int rebuildEventsPerWrite) {

    public ProcessingProperties {
        if (rebuildEventsPerWrite < 1) {
            throw new IllegalArgumentException("blackbox.processing.rebuild-events-per-write must be at least 1, not "
                    + rebuildEventsPerWrite);
        }
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
