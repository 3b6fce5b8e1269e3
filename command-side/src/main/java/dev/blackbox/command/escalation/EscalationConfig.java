package dev.blackbox.command.escalation;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The escalation saga's processor starts at the head of the store the first time it runs, so that
 * an installation that turns policies on does not escalate every incident of its past.
 */
@Configuration(proxyBeanMethods = false)
class EscalationConfig {

    @Bean
    ConfigurerModule escalationSagaStartsAtHead() {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                EscalationSaga.PROCESSOR, axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(100)
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}
