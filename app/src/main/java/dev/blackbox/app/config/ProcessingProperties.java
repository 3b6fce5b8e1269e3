package dev.blackbox.app.config;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How event processors share the event stream between the instances that run them. Every processor
 * is a pooled streaming processor whose stream is split into {@code segments}; each instance claims
 * segments in the shared token store, and {@link SegmentBalancer} hands segments over until every
 * instance holds its share. Per-processor settings under {@code axon.eventhandling.processors.<name>}
 * take precedence.
 *
 * @param nodeId             how this instance signs its claims; must differ between instances (default:
 *                           the JVM's {@code pid@host})
 * @param segments           segments a processor's stream is split into when it first starts; the most
 *                           instances that can share one processor
 * @param batchSize          events handled per transaction
 * @param tokenClaimInterval how often an instance looks for unclaimed segments
 * @param rebalanceInterval  how often an instance announces itself and gives up segments beyond its share
 */
@ConfigurationProperties("blackbox.processing")
record ProcessingProperties(
        String nodeId,
        @DefaultValue("4") int segments,
        @DefaultValue("100") int batchSize,
        @DefaultValue("1s") Duration tokenClaimInterval,
        @DefaultValue("5s") Duration rebalanceInterval) {

    ProcessingProperties {
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
