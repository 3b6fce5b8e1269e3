package dev.blackbox.command.config;

import dev.blackbox.plumbing.aggregates.LruAggregateCache;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IncidentAggregateConfig {

    /** Named in {@code @Aggregate(snapshotTriggerDefinition = ...)} on the Incident aggregate. */
    @Bean
    SnapshotTriggerDefinition incidentSnapshotTrigger(Snapshotter snapshotter, SnapshotProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.threshold());
    }

    /**
     * Named in {@code @Aggregate(cache = ...)} on the Incident aggregate. Zero turns it off, which
     * is right wherever several command processes write the same incidents: a cached copy would
     * not see another process's facts and could refuse a command on stale state.
     */
    @Bean
    Cache incidentCache(IncidentCacheProperties properties) {
        return properties.maxIncidents() > 0 ? new LruAggregateCache(properties.maxIncidents()) : NoCache.INSTANCE;
    }
}
