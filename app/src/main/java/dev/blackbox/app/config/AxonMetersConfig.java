package dev.blackbox.app.config;

import io.micrometer.core.instrument.Tags;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's meters, as its dimensional defaults make them, except that an event processor gets only its
 * latency and capacity (by {@code processorName}). Axon would also give each processor a timer and
 * counters per event type: each event then looks its meters up by tags that are built anew for it,
 * a cost every read model pays per event (and a rebuild a million times) for figures that the
 * command bus's own meters per command type already give.
 */
@Configuration(proxyBeanMethods = false)
class AxonMetersConfig {

    /** Named as Axon's dimensional meters name them: {@code eventProcessor_latency{processorName=…}}. */
    private static final String PROCESSOR_METERS = "eventProcessor";

    /** Takes the place of the module Axon's Spring Boot auto-configuration would register. */
    @Bean
    MetricsConfigurerModule metricsConfigurerModule(GlobalMetricRegistry registry) {
        return new MetricsConfigurerModule(registry, true) {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.configureMessageMonitor(configuration -> (componentType, componentName) -> {
                    if (!EventProcessor.class.isAssignableFrom(componentType)) {
                        return ofAnyMessage(registry.registerComponentWithDefaultTags(componentType, componentName));
                    }
                    Tags processor = Tags.of("processorName", componentName);
                    return ofAnyMessage(new MultiMessageMonitor<EventMessage<?>>(
                            EventProcessorLatencyMonitor.builder()
                                    .meterNamePrefix(PROCESSOR_METERS)
                                    .meterRegistry(registry.getRegistry())
                                    .tagsBuilder(message -> processor)
                                    .build(),
                            CapacityMonitor.buildMonitor(PROCESSOR_METERS, registry.getRegistry(), message -> processor)));
                });
            }
        };
    }

    /**
     * Axon's configurer takes monitors typed for any message, and hands each component only the
     * messages of its kind (an event processor events), which is what Axon's own registry relies on.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageMonitor<Message<?>> ofAnyMessage(MessageMonitor<?> monitor) {
        return (MessageMonitor) monitor;
    }
}
