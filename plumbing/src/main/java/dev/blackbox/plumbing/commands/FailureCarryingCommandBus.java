package dev.blackbox.plumbing.commands;

import javax.annotation.Nonnull;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;

/**
 * The command bus that runs this process's command handlers. It answers a failure that a sender can
 * act on (a broken rule, an unknown aggregate, a lost race) with a {@link CommandExecutionException}
 * carrying its {@link FailureDetails}, so that the answer means the same whether the command was sent
 * from this process or, through Axon Server, from another one. Failures during the commit (the
 * event store refusing an append) are covered too, which a handler interceptor could not see.
 */
final class FailureCarryingCommandBus extends CommandBusDecorator implements AutoCloseable {

    private final FailureDetails details;

    FailureCarryingCommandBus(CommandBus handlers, FailureDetails details) {
        super(handlers);
        this.details = details;
    }

    @Override
    public <C> void dispatch(@Nonnull CommandMessage<C> command) {
        handlers.dispatch(command);
    }

    @Override
    public <C, R> void dispatch(@Nonnull CommandMessage<C> command,
            @Nonnull CommandCallback<? super C, ? super R> callback) {
        handlers.dispatch(command, (CommandCallback<C, R>) (message, result) ->
                callback.onResult(message, carryingFailure(result)));
    }

    /** Lets the bus underneath finish what it holds, if it holds anything. */
    @Override
    public void close() throws Exception {
        if (handlers instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private <R> CommandResultMessage<R> carryingFailure(CommandResultMessage<R> result) {
        if (!result.isExceptional()) {
            return result;
        }
        Throwable exception = result.exceptionResult();
        return details.of(exception)
                .<CommandResultMessage<R>>map(failure -> new GenericCommandResultMessage<>(
                        new CommandExecutionException(exception.getMessage(), exception, failure),
                        result.getMetaData()))
                .orElse(result);
    }
}
