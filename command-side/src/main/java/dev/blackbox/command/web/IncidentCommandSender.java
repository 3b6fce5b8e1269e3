package dev.blackbox.command.web;

import dev.blackbox.command.incident.IncidentCommand;
import dev.blackbox.command.incident.RequestMetaData;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Sends incident commands and waits until their events are stored. When another writer appended to
 * the same incident first (another instance, or a concurrent creation of the same id), the command
 * is retried on the fresh state, which also turns a lost race between identical requests into a
 * recognised retry instead of an error.
 */
@Component
class IncidentCommandSender {

    private static final int MAX_ATTEMPTS = 8;
    private static final long BASE_BACKOFF_NANOS = 2_000_000;

    private final CommandGateway commandGateway;

    IncidentCommandSender(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    void send(IncidentCommand command, String idempotencyKey) {
        send(command, command.incidentId(), idempotencyKey);
    }

    void send(Object command, String incidentId, String idempotencyKey) {
        MetaData metaData = idempotencyKey == null
                ? MetaData.emptyInstance()
                : MetaData.with(RequestMetaData.IDEMPOTENCY_KEY, idempotencyKey);
        for (int attempt = 1; ; attempt++) {
            try {
                commandGateway.sendAndWait(command, metaData);
                return;
            } catch (ConcurrencyException | AggregateStreamCreationException conflict) {
                if (attempt == MAX_ATTEMPTS) {
                    throw tooBusy(incidentId);
                }
                // Jittered exponential backoff so that colliding writers do not collide again.
                long ceiling = BASE_BACKOFF_NANOS << Math.min(attempt, 6);
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling));
            }
        }
    }

    private static ErrorResponseException tooBusy(String incidentId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "incident " + incidentId + " is being changed by too many writers at once; "
                        + "nothing was recorded, retry the request");
        problem.setTitle("Incident busy");
        ErrorResponseException exception = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
        exception.getHeaders().set("Retry-After", "1");
        return exception;
    }
}
