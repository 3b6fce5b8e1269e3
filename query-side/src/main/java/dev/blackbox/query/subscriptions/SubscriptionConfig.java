package dev.blackbox.query.subscriptions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackbox.plumbing.eventsource.StoredEventSource;
import dev.blackbox.plumbing.eventstore.EventsOnFile;
import dev.blackbox.plumbing.processing.ProcessingProperties;
import dev.blackbox.query.incident.IncidentRepository;
import dev.blackbox.query.replay.ReadModelCommits;
import dev.blackbox.query.timeline.TimelineRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import javax.sql.DataSource;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Subscriptions run with the read models (a query process): they read the events where the read
 * models do, the stored event source on the JDBC profiles and Axon Server's event store on
 * {@code axonserver}, and deliver the read models' timeline entries.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SubscriptionProperties.class)
class SubscriptionConfig {

    @Bean
    SubscriptionTokens subscriptionTokens(ObjectProvider<StoredEventSource> stored, EventStore eventStore,
            ObjectProvider<EventsOnFile> onFile, Serializer serializer) {
        StreamableMessageSource<TrackedEventMessage<?>> source = stored.getIfAvailable(() -> null);
        return new SubscriptionTokens(source == null ? eventStore : source,
                onFile.getIfAvailable(() -> EventsOnFile.WRITTEN_ON_COMMIT), serializer);
    }

    @Bean
    TargetUrls subscriptionTargets(SubscriptionProperties properties) {
        return new TargetUrls(properties.allowPrivateTargets());
    }

    @Bean
    SubscriptionRepository subscriptionRepository(DataSource dataSource, PlatformTransactionManager transactions,
            ObjectMapper json) {
        return new SubscriptionRepository(JdbcClient.create(dataSource), new TransactionTemplate(transactions), json);
    }

    @Bean
    SubscriptionMeters subscriptionMeters(ObjectProvider<MeterRegistry> registry, SubscriptionTokens tokens,
            ObjectProvider<Clock> clock) {
        // Without Actuator (this module's own tests) no registry is configured: Micrometer's global one serves.
        return new SubscriptionMeters(registry.getIfAvailable(() -> Metrics.globalRegistry),
                () -> SubscriptionTokens.position(tokens.head()),
                clock.getIfUnique(Clock::systemUTC));
    }

    /** Closed with the application: its connections and its watchdog. */
    @Bean
    Receiver subscriptionReceiver(SubscriptionProperties properties, TargetUrls targets, ObjectProvider<Clock> clock) {
        return new Receiver(properties.timeout(), targets, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    SubscriptionDeliveries subscriptionDeliveries(SubscriptionRepository repository, SubscriptionTokens tokens,
            TimelineRepository timeline, IncidentRepository incidents, ObjectMapper json, Receiver receiver,
            SubscriptionMeters meters, SubscriptionProperties properties, ProcessingProperties processing,
            ReadModelCommits commits, ObjectProvider<Clock> clock) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        Facts facts = new Facts(timeline, incidents, commits);
        return new SubscriptionDeliveries(new SubscriptionWorker.Parts(repository, tokens,
                facts, new DeliveryBodies(json), receiver,
                meters, properties, time, SubscriptionDeliveries.newOwner(processing.nodeId()),
                new HeadReader(tokens, facts, properties.backlog())));
    }
}
