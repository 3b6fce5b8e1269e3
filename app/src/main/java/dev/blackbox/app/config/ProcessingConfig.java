package dev.blackbox.app.config;

import dev.blackbox.query.replay.ReadModelDispatch;
import dev.blackbox.query.replay.ReadModels;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Event processors read the stream in segments claimed through the JDBC token store, so that
 * several instances on one database (PostgreSQL, or Axon Server events with PostgreSQL read models)
 * split the work and take over each other's segments. Which processors are pooled and how many
 * segments they have is set per processor in application.yml.
 */
@Configuration(proxyBeanMethods = false)
class ProcessingConfig {

    /**
     * Axon's event processing module, the one its auto-configuration would create, except that the read
     * models' processor dispatches each event by its payload type ({@link ReadModelDispatch}). The
     * module is the place Axon builds a processor's handler invoker; a processor's configuration
     * can replace the invoker but not see the one Axon built.
     */
    @Bean
    EventProcessingModule eventProcessingModule() {
        return new EventProcessingModule() {
            @Override
            protected EventProcessor pooledStreamingEventProcessor(String name, EventHandlerInvoker invoker,
                    org.axonframework.config.Configuration config, StreamableMessageSource<TrackedEventMessage<?>> source,
                    PooledStreamingProcessorConfiguration processorConfiguration) {
                return super.pooledStreamingEventProcessor(name,
                        ReadModels.PROCESSING_GROUP.equals(name) ? ReadModelDispatch.of(invoker) : invoker,
                        config, source, processorConfiguration);
            }
        };
    }

    /** Axon's token store, but signing claims with a configurable node id instead of always pid@host. */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
            TokenStoreProperties tokenStoreProperties, ProcessingProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .claimTimeout(tokenStoreProperties.getClaimTimeout())
                .nodeId(properties.nodeId())
                .build();
    }

    @Bean
    SegmentBalancer segmentBalancer(EventProcessingConfiguration processing, JdbcTemplate jdbc,
            TokenSchema tokenSchema, ProcessingProperties properties) {
        return new SegmentBalancer(processing, jdbc, tokenSchema, properties);
    }
}
