package dev.blackbox.plumbing.processing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;

/**
 * A processor's handler invoker: Axon's, with the handler beans that handle each kind of event looked
 * up once per payload type instead of once per event and step.
 * <p>
 * For each event Axon asks every handler bean of the processor whether it handles it twice (the
 * coordinator, to schedule it, and the worker, before handling it) and then hands it to all of them,
 * each walking its handlers again; whether a handler may take a replayed event is worked out again for
 * each event as well. Every such question walks a bean's handler methods, through their wrappers,
 * until one matches; for a processor of several read models that dominated a rebuild's CPU.
 * <p>
 * It needs handlers that take an event's payload and at most its metadata, such as its sequence
 * number, so that whether one handles a message follows from the message's class and its payload's
 * type: the first such message asks the beans, and the answer is kept for the others. Everything else, which segment an event
 * belongs to and how a failing handler is reported, is the invoker Axon built for the processing
 * group.
 */
public final class DispatchByPayloadType extends SimpleEventHandlerInvoker {

    private final boolean supportsReset;
    private final Map<Class<?>, Map<Class<?>, List<EventMessageHandler>>> handlersByPayloadType =
            new ConcurrentHashMap<>();

    private DispatchByPayloadType(SimpleEventHandlerInvoker built) {
        super(SimpleEventHandlerInvoker.builder()
                .eventHandlers(built.eventHandlers())
                .sequencingPolicy(built.getSequencingPolicy())
                .listenerInvocationErrorHandler(built.getListenerInvocationErrorHandler()));
        this.supportsReset = built.supportsReset();
    }

    /**
     * The dispatch for the invoker Axon built for a processing group: all of that group's handlers
     * in one {@link SimpleEventHandlerInvoker}, which is how Axon builds it for handler beans.
     */
    public static EventHandlerInvoker of(EventHandlerInvoker built) {
        if (built instanceof MultiEventHandlerInvoker multi && multi.delegates().size() == 1) {
            return of(multi.delegates().get(0));
        }
        if (built instanceof SimpleEventHandlerInvoker simple) {
            return new DispatchByPayloadType(simple);
        }
        throw new IllegalArgumentException("the processor's handlers are not one group of handler beans: " + built);
    }

    @Override
    public boolean canHandle(EventMessage<?> event, Segment segment) {
        return takes(event) && !handlersOf(event).isEmpty() && sequencingPolicyMatchesSegment(event, segment);
    }

    @Override
    public void handle(EventMessage<?> event, Segment segment) throws Exception {
        if (takes(event)) {
            super.handle(event, segment);
        }
    }

    @Override
    protected void invokeHandlers(EventMessage<?> event) throws Exception {
        for (EventMessageHandler handler : handlersOf(event)) {
            try {
                handler.handle(event);
            } catch (Exception e) {
                getListenerInvocationErrorHandler().onError(e, event, handler);
            }
        }
    }

    @Override
    public boolean supportsReset() {
        return supportsReset;
    }

    /** Axon hands a replayed event only to processors whose handlers may be reset. */
    private boolean takes(EventMessage<?> event) {
        return supportsReset || !ReplayToken.isReplay(event);
    }

    private List<EventMessageHandler> handlersOf(EventMessage<?> event) {
        Map<Class<?>, List<EventMessageHandler>> byMessageClass =
                handlersByPayloadType.computeIfAbsent(event.getPayloadType(), type -> new ConcurrentHashMap<>());
        List<EventMessageHandler> handlers = byMessageClass.get(event.getClass());
        if (handlers == null) {
            handlers = eventHandlers().stream().filter(handler -> handler.canHandle(event)).toList();
            byMessageClass.putIfAbsent(event.getClass(), handlers);
        }
        return handlers;
    }
}
