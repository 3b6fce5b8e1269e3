package dev.blackbox.plumbing.aggregates;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * How aggregates are loaded and snapshotted: each only from a history of its own type, and snapshots
 * taken on a thread of their own. Ordered before Axon's configuration, which then keeps these.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
public class AggregatesAutoConfiguration {

    /** Static, as Spring asks of post-processors: it must run before the other beans are defined. */
    @Bean
    static OwnTypeAggregates ownTypeAggregates() {
        return new OwnTypeAggregates();
    }

    /**
     * Axon's default snapshotter, except that snapshots are taken on a thread of their own. Axon takes
     * them after the command's commit but before the aggregate's lock is released; taken on the
     * command's thread, a snapshot needs a second database connection while every pooled one can be
     * held by other writers queued for that very lock, and all of them wait until the pool times out.
     */
    @Bean
    @ConditionalOnMissingBean(Snapshotter.class)
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
}
