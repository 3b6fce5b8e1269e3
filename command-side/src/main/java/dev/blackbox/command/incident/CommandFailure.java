package dev.blackbox.command.incident;

import dev.blackbox.plumbing.aggregates.AggregateIdTaken;
import java.util.Optional;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Why a command failed, as data that survives the trip from the process that handled the command to
 * the one that sent it. Through Axon Server only a {@link CommandExecutionException}'s message and its
 * details travel, never the exception's type, so without this a refused command could not be told
 * from a crash (HTTP 500) and a lost race could not be retried.
 *
 * @param type        what kind of failure it was
 * @param rule        the broken rule's name, for {@link Type#RULE_VIOLATION}
 * @param aggregateId the incident or drill concerned, for {@link Type#NOT_FOUND}
 * @param message     the original message
 */
public record CommandFailure(Type type, String rule, String aggregateId, String message) {

    public enum Type {
        /** The aggregate refused the command: {@link RuleViolation}. */
        RULE_VIOLATION,
        /** No such incident or drill. */
        NOT_FOUND,
        /** Another writer created the same aggregate first; retrying sees it. */
        STREAM_CREATION_CONFLICT,
        /** Another writer appended to the same aggregate first; retrying sees it. */
        CONCURRENT_CHANGE
    }

    /** The failure behind {@code exception}, if it is one a client or a retry can act on. */
    public static Optional<CommandFailure> of(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof RuleViolation violation) {
                return Optional.of(new CommandFailure(Type.RULE_VIOLATION, violation.rule().name(), null,
                        violation.getMessage()));
            }
            if (cause instanceof AggregateIdTaken taken) {
                return Optional.of(new CommandFailure(Type.RULE_VIOLATION, Rule.ID_TAKEN.name(), null,
                        taken.getMessage()));
            }
            if (cause instanceof AggregateNotFoundException notFound) {
                return Optional.of(new CommandFailure(Type.NOT_FOUND, null,
                        String.valueOf(notFound.getAggregateIdentifier()), notFound.getMessage()));
            }
            if (cause instanceof AggregateStreamCreationException) {
                return Optional.of(new CommandFailure(Type.STREAM_CREATION_CONFLICT, null, null, cause.getMessage()));
            }
            if (cause instanceof ConcurrencyException) {
                return Optional.of(new CommandFailure(Type.CONCURRENT_CHANGE, null, null, cause.getMessage()));
            }
        }
        return Optional.empty();
    }

    /**
     * The exception the sender would have seen had the command been handled in its own process, or
     * {@code failure} itself when it carries no {@code CommandFailure}.
     */
    public static RuntimeException unwrap(CommandExecutionException failure) {
        return failure.getDetails()
                .filter(CommandFailure.class::isInstance)
                .map(details -> ((CommandFailure) details).toException())
                .orElse(failure);
    }

    RuntimeException toException() {
        return switch (type) {
            case RULE_VIOLATION -> new RuleViolation(Rule.valueOf(rule), message);
            case NOT_FOUND -> new AggregateNotFoundException(aggregateId, message);
            case STREAM_CREATION_CONFLICT -> new AggregateStreamCreationException(message);
            case CONCURRENT_CHANGE -> new ConcurrencyException(message);
        };
    }
}
