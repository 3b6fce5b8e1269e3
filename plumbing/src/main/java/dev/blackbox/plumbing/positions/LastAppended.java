package dev.blackbox.plumbing.positions;

import dev.blackbox.plumbing.eventstore.IndexReturningAppends;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Notes the last event each command appended, for commands whose sender asked for it with
 * {@link #WANTED} in their metadata; the sender takes it back once the command is answered.
 * The event store tells its subscribers about appended events inside the command's unit of work,
 * the one place that knows both the command and its events.
 */
public final class LastAppended {

    /** Metadata key by which a sender asks for its command's last event. */
    public static final String WANTED = "blackbox-last-appended";

    /**
     * An event of an aggregate, by its number in that aggregate, and its position in the store when
     * the store said where it put it (the JDBC store does, {@link IndexReturningAppends}).
     */
    public record Event(String aggregateId, long sequenceNumber, OptionalLong position) {
    }

    private final Map<String, Event> byCommand = new ConcurrentHashMap<>();

    public LastAppended(EventBus eventStore) {
        eventStore.subscribe(this::appending);
    }

    /** The last event the command appended, if it appended any, forgotten as it is taken. */
    public Optional<Event> take(String commandIdentifier) {
        return Optional.ofNullable(byCommand.remove(commandIdentifier));
    }

    private void appending(List<? extends EventMessage<?>> events) {
        if (!CurrentUnitOfWork.isStarted() || events.isEmpty()) {
            return;
        }
        Message<?> message = CurrentUnitOfWork.get().getMessage();
        if (message instanceof CommandMessage<?> command && command.getMetaData().containsKey(WANTED)
                && events.get(events.size() - 1) instanceof DomainEventMessage<?> last) {
            byCommand.put(command.getIdentifier(), new Event(last.getAggregateIdentifier(), last.getSequenceNumber(),
                    IndexReturningAppends.globalIndexOf(last)));
        }
    }
}
