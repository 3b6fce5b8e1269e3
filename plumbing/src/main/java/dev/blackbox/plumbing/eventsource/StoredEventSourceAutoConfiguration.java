package dev.blackbox.plumbing.eventsource;

import dev.blackbox.plumbing.eventstore.JdbcEventStorageAutoConfiguration;
import javax.sql.DataSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Streaming processors read the JDBC event store through a
 * {@link StoredEventSource}, woken by this process's commits, instead of through Axon's embedded
 * event store, whose streams a pooled processor can only poll every 500 ms.
 *
 * <p>An auto-configuration, so that it is decided after Axon's: it applies only where Axon wired a
 * storage engine, i.e. in the default and postgres profiles; with the axonserver profile the events
 * live in Axon Server and its own event store feeds the processors.
 */
@AutoConfiguration(after = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class,
        JdbcEventStorageAutoConfiguration.class})
@ConditionalOnBean(JdbcEventStorageEngine.class)
@EnableConfigurationProperties(StoredEventSourceProperties.class)
public class StoredEventSourceAutoConfiguration {

    @Bean
    CommitSignal commitSignal(EventStore eventStore, StoredEventSourceProperties properties) {
        return new CommitSignal(eventStore, properties.pollInterval(), properties.wakeGap(),
                properties.backgroundWakeGap());
    }

    /** On PostgreSQL, where several processes may share the events, they tell each other of their commits. */
    @Bean
    @ConditionalOnClass(name = "org.postgresql.PGConnection")
    @ConditionalOnProperty(name = "blackbox.event-source.postgres-notices", havingValue = "true", matchIfMissing = true)
    PostgresCommitNotices postgresCommitNotices(DataSource dataSource, CommitSignal signal) {
        return new PostgresCommitNotices(dataSource, signal);
    }

    @Bean
    StoredEventSource storedEventSource(EventStorageEngine storage, CommitSignal signal) {
        return new StoredEventSource(storage, signal);
    }

    @Bean
    BackgroundEventSource backgroundEventSource(EventStorageEngine storage, CommitSignal signal) {
        return new BackgroundEventSource(new StoredEventSource(storage, signal::listenInBackground));
    }

    /** For processors that read the stored events through a {@link QueueBoundedEventSource}. */
    @Bean
    QueueBoundedEventSources queueBoundedEventSources(StoredEventSource stored, StoredEventSourceProperties properties,
            ObjectProvider<EventProcessingConfiguration> processing) {
        return new QueueBoundedEventSources(stored, properties.readModelWindow(), processing);
    }

    /**
     * Pooled processors (the read models, which requests wait on) get the prompt source through the
     * default configuration of every pooled processor, which the per-processor settings of
     * application.yml (mode, threads, segments) leave in place; tracking processors that
     * application.yml does not name (the sagas), the background source as the default source. A
     * tracking processor it names would be given the event store by Axon, so it names a bean
     * ({@code backgroundEventSource}) as its source. The sources are looked up only when the processors
     * are built: the storage engine needs Axon's configuration, which is being assembled from modules
     * like this one. A processor may read it through a {@link QueueBoundedEventSource} instead.
     */
    @Bean
    ConfigurerModule storedEventSourceForStreamingProcessors(ObjectProvider<StoredEventSource> source,
            ObjectProvider<BackgroundEventSource> background) {
        return configurer -> configurer.eventProcessing()
                .configureDefaultStreamableMessageSource(axon -> background.getObject())
                .registerPooledStreamingEventProcessorConfiguration(
                        (axon, processor) -> processor.messageSource(source.getObject()));
    }
}
