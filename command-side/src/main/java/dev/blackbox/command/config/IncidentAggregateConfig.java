package dev.blackbox.command.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IncidentAggregateConfig {

    /** Static, as Spring asks of post-processors: it must run before the other beans are defined. */
    @Bean
    static OwnTypeAggregates ownTypeAggregates() {
        return new OwnTypeAggregates();
    }

    /** Named in {@code @Aggregate(snapshotTriggerDefinition = ...)} on the Incident aggregate. */
    @Bean
    SnapshotTriggerDefinition incidentSnapshotTrigger(Snapshotter snapshotter, SnapshotProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.threshold());
    }

    /**
     * Axon's default snapshotter, except that snapshots are taken on a thread of their own. Axon takes
     * them after the command's commit but before the incident's lock is released; taken on the
     * command's thread, a snapshot needs a second database connection while every pooled one can be
     * held by other writers queued for that very lock, and all of them wait until the pool times out.
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
            HandlerDefinition handlerDefinition, ParameterResolverFactory parameterResolverFactory,
            EventStore eventStore, TransactionManager transactionManager, SnapshotterSpanFactory spanFactory,
            SnapshotExecutor snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    /**
     * Takes the event store although it does not use it: Spring closes a bean's dependents first, so
     * a snapshot still being written finishes before the event store and its database close.
     */
    @Bean
    SnapshotExecutor snapshotExecutor(EventStore eventStore) {
        return new SnapshotExecutor();
    }

    /**
     * Named in {@code @Aggregate(cache = ...)} on the Incident aggregate. Zero turns it off, which
     * is right wherever several command processes write the same incidents: a cached copy would
     * not see another process's facts and could refuse a command on stale state.
     */
    @Bean
    Cache incidentCache(IncidentCacheProperties properties) {
        return properties.maxIncidents() > 0 ? new IncidentCache(properties.maxIncidents()) : NoCache.INSTANCE;
    }
}
