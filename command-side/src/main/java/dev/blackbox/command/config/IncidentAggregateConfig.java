package dev.blackbox.command.config;

import org.axonframework.common.caching.Cache;
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

    /** Named in {@code @Aggregate(cache = ...)} on the Incident aggregate. */
    @Bean
    Cache incidentCache(IncidentCacheProperties properties) {
        return new IncidentCache(properties.maxIncidents());
    }
}
