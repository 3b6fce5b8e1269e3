package dev.blackbox.plumbing.eventsource;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.autoconfig.AxonServerBusAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * With Axon Server's event store (the axonserver profile), the read models' processor reads its
 * stream through a {@link QueueBoundedEventSource} as well: Axon's coordinator fills its work
 * packages' queues from Axon Server's stream as from the stored one, and its 100 ms pauses paced
 * rebuilds there too.
 */
@AutoConfiguration(after = {AxonServerBusAutoConfiguration.class, StoredEventSourceAutoConfiguration.class})
@ConditionalOnProperty(name = "axon.axonserver.enabled", matchIfMissing = true)
@EnableConfigurationProperties(StoredEventSourceProperties.class)
public class AxonServerEventSourceAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    QueueBoundedEventSources queueBoundedEventSources(EventStore eventStore, StoredEventSourceProperties properties,
            ObjectProvider<EventProcessingConfiguration> processing) {
        return new QueueBoundedEventSources(eventStore, properties.readModelWindow(), processing);
    }
}
