package dev.blackbox.command.config;

import dev.blackbox.plumbing.aggregates.GrowingSnapshotTriggerDefinition;
import dev.blackbox.plumbing.aggregates.LruAggregateCache;
import dev.blackbox.plumbing.aggregates.StoreCheckedCache;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IncidentAggregateConfig {

    /** Named in {@code @Aggregate(snapshotTriggerDefinition = ...)} on the Incident aggregate. */
    @Bean
    SnapshotTriggerDefinition incidentSnapshotTrigger(Snapshotter snapshotter, SnapshotProperties properties) {
        return new GrowingSnapshotTriggerDefinition(snapshotter, properties.threshold(), properties.percentOfIncident());
    }

    /**
     * Named in {@code @Aggregate(cache = ...)} on the Incident aggregate. Where several command
     * processes write the same incidents, a cached copy would not see another process's facts, so
     * each command first checks it against the store.
     */
    @Bean
    Cache incidentCache(IncidentCacheProperties properties, EventStore eventStore) {
        if (properties.maxIncidents() <= 0) {
            return NoCache.INSTANCE;
        }
        Cache cache = new LruAggregateCache(properties.maxIncidents());
        return properties.sharedStore() ? new StoreCheckedCache(cache, eventStore) : cache;
    }
}
