package dev.blackbox.plumbing.processing;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the instances that run the same event processor share its segments through the token store
 * (see {@link SegmentBalancer}). Segments, threads and batch sizes are set per processor under
 * {@code axon.eventhandling.processors.<name>}.
 *
 * @param nodeId            how this instance signs its segment claims; must differ between instances
 *                          (default: the JVM's {@code pid@host}, as in Axon)
 * @param rebalanceInterval how often an instance announces itself and gives up segments beyond its share
 * @param handOverTime      how long a released segment is left to the other instances before this one
 *                          may claim it again; longer than their processors' token claim interval
 */
@ConfigurationProperties("blackbox.processing")
public record ProcessingProperties(
        String nodeId,
        @DefaultValue("5s") Duration rebalanceInterval,
        @DefaultValue("15s") Duration handOverTime) {

    public ProcessingProperties {
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
