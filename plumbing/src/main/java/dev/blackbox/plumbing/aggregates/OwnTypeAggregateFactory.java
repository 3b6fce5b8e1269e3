package dev.blackbox.plumbing.aggregates;

import java.lang.reflect.Executable;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * Builds an aggregate only from a history that aggregate type stored. Every aggregate type shares one
 * event stream, keyed by id alone, so an id a client sends may name another type's history: Axon would
 * apply it to the wrong type and fail with an internal error. Instead, a command that creates the
 * aggregate is refused because the id is taken ({@link AggregateIdTaken}), and any other command finds
 * no such aggregate.
 *
 * <p>The not-found case is a subclass of {@link AggregateNotFoundException} on purpose: for a command
 * that creates when missing, Axon creates only on that exact class, so no path ever appends to another
 * type's history.
 */
final class OwnTypeAggregateFactory<T> implements AggregateFactory<T> {

    private final AggregateFactory<T> delegate;
    private final String storedType;
    private final Set<Class<?>> creatingCommands;

    OwnTypeAggregateFactory(Class<T> aggregateType) {
        this.delegate = new GenericAggregateFactory<>(aggregateType);
        // Axon stores an aggregate's events under its simple class name unless @Aggregate names another.
        this.storedType = aggregateType.getSimpleName();
        this.creatingCommands = creatingCommands(aggregateType);
    }

    @Override
    public T createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
        if (!storedType.equals(firstEvent.getType())) {
            String kind = storedType.toLowerCase();
            String other = String.valueOf(firstEvent.getType()).toLowerCase();
            if (creating()) {
                throw new AggregateIdTaken(
                        "the id " + aggregateIdentifier + " is taken by a " + other + "; choose another " + kind + " id");
            }
            throw new OfAnotherType(aggregateIdentifier, "no " + kind + " " + aggregateIdentifier + ": it is a " + other);
        }
        return delegate.createAggregateRoot(aggregateIdentifier, firstEvent);
    }

    @Override
    public Class<T> getAggregateType() {
        return delegate.getAggregateType();
    }

    private boolean creating() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().getMessage() instanceof CommandMessage<?> command
                && creatingCommands.contains(command.getPayloadType());
    }

    /** The commands the aggregate handles by creating itself: constructors and creation policies. */
    private static Set<Class<?>> creatingCommands(Class<?> aggregateType) {
        Stream<Executable> constructors = Arrays.<Executable>stream(aggregateType.getDeclaredConstructors())
                .filter(constructor -> constructor.isAnnotationPresent(CommandHandler.class));
        Stream<Executable> creationPolicies = Arrays.<Executable>stream(aggregateType.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(CommandHandler.class))
                .filter(method -> method.isAnnotationPresent(CreationPolicy.class)
                        && method.getAnnotation(CreationPolicy.class).value() != AggregateCreationPolicy.NEVER);
        return Stream.concat(constructors, creationPolicies)
                .filter(handler -> handler.getParameterCount() > 0)
                .map(handler -> handler.getParameterTypes()[0])
                .collect(Collectors.toUnmodifiableSet());
    }

    static final class OfAnotherType extends AggregateNotFoundException {

        OfAnotherType(String aggregateIdentifier, String message) {
            super(aggregateIdentifier, message);
        }
    }
}
