package dev.blackbox.command.config;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommandBusConfig {

    /**
     * The bus this process's command handlers run on, set up as Axon's default one, but answering
     * failures in a form that also crosses Axon Server. {@code localSegment} is the name under which
     * Axon Server's command bus looks for it; without Axon Server it is the only command bus.
     */
    @Bean
    @Qualifier("localSegment")
    CommandBus commandBus(TransactionManager transactionManager, org.axonframework.config.Configuration axon,
            DuplicateCommandHandlerResolver duplicateCommandHandlerResolver) {
        SimpleCommandBus handlers = SimpleCommandBus.builder()
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        handlers.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return new FailureCarryingCommandBus(handlers);
    }
}
