package dev.blackbox.command.web;

import dev.blackbox.command.incident.CommandFailure;
import dev.blackbox.command.incident.IncidentCommand;
import dev.blackbox.command.incident.RequestMetaData;
import dev.blackbox.plumbing.positions.EventPositions;
import dev.blackbox.plumbing.positions.LastAppended;
import dev.blackbox.plumbing.web.Problems;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Sends incident commands and waits until their events are stored. When another writer appended to
 * the same incident first (another instance, or a concurrent creation of the same id), the command
 * is retried on the fresh state, which also turns a lost race between identical requests into a
 * recognised retry instead of an error.
 */
@Component
public class IncidentCommandSender {

    /** What a sent command's handler answered, and the store position of the last event it appended. */
    public record Sent(Object answer, long position) {
    }

    private static final int MAX_ATTEMPTS = 8;
    private static final long BASE_BACKOFF_NANOS = 2_000_000;

    private final CommandGateway commandGateway;
    private final LastAppended lastAppended;
    private final EventPositions positions;

    IncidentCommandSender(CommandGateway commandGateway, LastAppended lastAppended, EventPositions positions) {
        this.commandGateway = commandGateway;
        this.lastAppended = lastAppended;
        this.positions = positions;
    }

    /** Sends {@code command} and answers the store position of the last event it appended. */
    public long send(IncidentCommand command, String idempotencyKey) {
        return send(command, command.incidentId(), idempotencyKey);
    }

    long send(Object command, String incidentId, String idempotencyKey) {
        return sendForAnswer(command, incidentId, idempotencyKey).position();
    }

    /** Sends {@code command}, whose handler answers with a value, to the incident {@code incidentId}. */
    public Sent sendForAnswer(Object command, String incidentId, String idempotencyKey) {
        MetaData metaData = MetaData.with(LastAppended.WANTED, true);
        if (idempotencyKey != null) {
            metaData = metaData.and(RequestMetaData.IDEMPOTENCY_KEY, idempotencyKey);
        }
        for (int attempt = 1; ; attempt++) {
            CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
            Optional<LastAppended.Event> appended;
            Object answer;
            try {
                answer = sendOnce(message);
            } catch (ConcurrencyException | AggregateStreamCreationException conflict) {
                if (attempt == MAX_ATTEMPTS) {
                    throw tooBusy(incidentId);
                }
                // Jittered exponential backoff so that colliding writers do not collide again.
                long ceiling = BASE_BACKOFF_NANOS << Math.min(attempt, 6);
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling));
                continue;
            } finally {
                appended = lastAppended.take(message.getIdentifier());
            }
            // A retry appends nothing: its answer points at the incident's latest event, the original's or later.
            return new Sent(answer, appended.map(this::position).orElseGet(() -> positions.latest(incidentId)));
        }
    }

    private long position(LastAppended.Event last) {
        return last.position().orElseGet(() -> positions.of(last.aggregateId(), last.sequenceNumber()));
    }

    /** Raises the failure as if the command had been handled here, wherever it was handled. */
    private Object sendOnce(CommandMessage<?> command) {
        try {
            return commandGateway.sendAndWait(command);
        } catch (CommandExecutionException failure) {
            throw CommandFailure.unwrap(failure);
        }
    }

    private static ErrorResponseException tooBusy(String incidentId) {
        return Problems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "Incident busy",
                "incident " + incidentId + " is being changed by too many writers at once; "
                        + "nothing was recorded, retry the request");
    }
}
