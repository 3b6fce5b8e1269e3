package dev.blackbox.plumbing.processing;

import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.GenericResultMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Gives every event an event processor handled one shared, empty result message. Axon's batch unit of
 * work wraps each handled event's result in a new result message unless it already is one, and a new
 * message takes the correlation data of the event being handled: the event's metadata deserialized for
 * nothing else, and a random UUID generated, per event. The processor only asks a batch's result
 * whether it is exceptional; an event whose handling throws still fails the batch as before.
 */
public final class SharedEventResult implements MessageHandlerInterceptor<EventMessage<?>> {

    /** Made without the current unit of work's correlation data: it is shared by every batch. */
    static final ResultMessage<Void> HANDLED = new GenericResultMessage<>(
            new GenericMessage<>(UUID.randomUUID().toString(), Void.class, null, MetaData.emptyInstance()));

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        chain.proceed();
        return HANDLED;
    }
}
