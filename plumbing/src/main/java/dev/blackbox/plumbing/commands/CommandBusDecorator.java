package dev.blackbox.plumbing.commands;

import javax.annotation.Nonnull;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;

/** A command bus that changes how commands are dispatched and leaves handlers and interceptors to the bus it wraps. */
abstract class CommandBusDecorator implements CommandBus {

    protected final CommandBus handlers;

    CommandBusDecorator(CommandBus handlers) {
        this.handlers = handlers;
    }

    @Override
    public Registration subscribe(@Nonnull String commandName,
            @Nonnull MessageHandler<? super CommandMessage<?>> handler) {
        return handlers.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(
            @Nonnull MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return handlers.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            @Nonnull MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return handlers.registerDispatchInterceptor(dispatchInterceptor);
    }
}
