package dev.blackbox.query.config;

import dev.blackbox.plumbing.batch.ReplayHolds;
import dev.blackbox.plumbing.eventsource.QueueBoundedEventSources;
import dev.blackbox.plumbing.positions.ProcessorPositions;
import dev.blackbox.plumbing.processing.DispatchByPayloadType;
import dev.blackbox.plumbing.processing.ProcessingProperties;
import dev.blackbox.plumbing.processing.SharedEventResult;
import dev.blackbox.query.replay.ReadModelCommits;
import dev.blackbox.query.replay.ReadModelProcessor;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read models' processor ({@link ReadModelProcessor}): its mode, threads, segments and batch size
 * are in application.yml; here, how it dispatches and where it reads.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelProcessorConfig {

    /**
     * Axon's event processing module, the one its auto-configuration would create, except for the read
     * models' processor: it dispatches each event by its payload type ({@link DispatchByPayloadType}),
     * and on the JDBC event store it reads the stored events no faster than its work packages take them
     * ({@link QueueBoundedEventSources}), so that a rebuild is not paced by its coordinator's back-offs.
     * The module is the place Axon builds a processor's handler invoker; a processor's configuration
     * can replace the invoker but not see the one Axon built.
     */
    @Bean
    EventProcessingModule eventProcessingModule(ObjectProvider<QueueBoundedEventSources> boundedSources,
                                                ReplayHolds holds) {
        return new EventProcessingModule() {
            @Override
            protected EventProcessor pooledStreamingEventProcessor(String name, EventHandlerInvoker invoker,
                    org.axonframework.config.Configuration config, StreamableMessageSource<TrackedEventMessage<?>> source,
                    PooledStreamingProcessorConfiguration processorConfiguration) {
                if (!ReadModelProcessor.PROCESSING_GROUP.equals(name)) {
                    return super.pooledStreamingEventProcessor(name, invoker, config, source, processorConfiguration);
                }
                return super.pooledStreamingEventProcessor(name, DispatchByPayloadType.of(invoker), config, source,
                        processorConfiguration.andThen((axon, processor) -> boundedSources.stream().findFirst()
                                .map(sources -> processor.messageSource(sources.forProcessor(name)))
                                .orElse(processor)
                                .tokenStore(holds.tokenStore(axon.eventProcessingConfiguration().tokenStore(name)))));
            }
        };
    }

    /**
     * A rebuild's rows, held across the processor's batches and written every so many events; whether
     * a segment's replay ended comes from the processor, looked up when asked, as the processor is
     * built with them. A holding segment's claim is extended at most ten times per claim timeout.
     */
    @Bean
    ReplayHolds readModelHolds(ProcessingProperties properties, TokenStoreProperties tokenStore,
                               ObjectProvider<EventProcessingConfiguration> processing, TransactionManager transactions) {
        return new ReplayHolds(ReadModelProcessor.PROCESSING_GROUP, properties.rebuildEventsPerWrite(),
                tokenStore.getClaimTimeout().dividedBy(10),
                segment -> processing.getObject()
                        .eventProcessor(ReadModelProcessor.PROCESSING_GROUP, StreamingEventProcessor.class)
                        .map(processor -> processor.processingStatus().get(segment))
                        .filter(status -> !ReadModelProcessor.replaying(status))
                        .isPresent(),
                transactions);
    }

    @Bean
    ReadModelCommits readModelCommits() {
        return new ReadModelCommits();
    }

    /** Committed batches are announced ({@link ReadModelCommits}); handled events answer {@link SharedEventResult}. */
    @Bean
    ConfigurerModule readModelProcessorInterceptors(ReadModelCommits commits, ReplayHolds holds) {
        return configurer -> configurer.eventProcessing()
                .registerHandlerInterceptor(ReadModelProcessor.PROCESSING_GROUP, axon -> commits)
                .registerHandlerInterceptor(ReadModelProcessor.PROCESSING_GROUP, axon -> holds)
                .registerHandlerInterceptor(ReadModelProcessor.PROCESSING_GROUP, axon -> new SharedEventResult());
    }

    @Bean
    ProcessorPositions readModelPositions(EventProcessingConfiguration processing, JdbcTemplate jdbc,
            ObjectProvider<TokenSchema> tokenSchema, Serializer serializer, ReplayHolds holds) {
        return new ProcessorPositions(ReadModelProcessor.PROCESSING_GROUP, processing, jdbc, tokenSchema, serializer,
                holds::storedToken);
    }
}
