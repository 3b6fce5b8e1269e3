package dev.blackbox.query.web;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.CompletionException;

/** Sends queries through the QueryGateway and waits, rethrowing what the handler threw as it was; the API and the web interface read through it. */
@Component
public class Reads {

    private final QueryGateway queryGateway;

    Reads(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    public <R> R one(Object query, Class<R> type) {
        return ask(query, ResponseTypes.instanceOf(type));
    }

    public <R> Optional<R> optional(Object query, Class<R> type) {
        return ask(query, ResponseTypes.optionalInstanceOf(type));
    }

    private <R> R ask(Object query, ResponseType<R> type) {
        try {
            return queryGateway.query(query, type).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
