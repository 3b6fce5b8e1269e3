package dev.blackbox.app.web;

import dev.blackbox.command.incident.CommandFailure;
import dev.blackbox.command.incident.RuleViolation;
import dev.blackbox.plumbing.web.Problems;
import jakarta.validation.ConstraintViolationException;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * What a failed request means to its caller, the one verdict for the API (a problem document) and the
 * web interface (a page): a client mistake is a 4xx that says what to fix; the store out of reach is a
 * 503 with {@code Retry-After}; anything nobody foresaw is a 500, logged, and never carries a stack trace.
 */
@Component
public class Failures {

    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    /** Whether commands and queries travel through Axon Server (the axonserver profile). */
    private final boolean overAxonServer;

    public Failures(@Value("${axon.axonserver.enabled:false}") boolean overAxonServer) {
        this.overAxonServer = overAxonServer;
    }

    /** The failure as the problem the caller is shown, with the headers to send (such as {@code Retry-After}). */
    public ErrorResponseException problem(Exception failure) {
        if (failure instanceof ErrorResponseException refusal) {
            return refusal;
        }
        // A command sent straight through the gateway rather than the incident command sender (drills):
        // its refusal arrives wrapped, and is answered like the refusal itself.
        Exception refused = failure instanceof CommandExecutionException wrapped ? CommandFailure.unwrap(wrapped) : failure;
        if (refused instanceof RuleViolation violation) {
            return ruleViolated(violation);
        }
        if (refused instanceof AggregateNotFoundException notFound) {
            return Problems.refusal(HttpStatus.NOT_FOUND, "Incident not found",
                    "no incident " + notFound.getAggregateIdentifier());
        }
        if (failure instanceof ConstraintViolationException violation) {
            return constraintViolated(violation);
        }
        if (failure instanceof RequestRejectedException) {
            // Spring Security's firewall checks header values when they are first read, which for headers
            // like Idempotency-Key is inside the controller: a control character there is the client's mistake.
            return Problems.refusal(HttpStatus.BAD_REQUEST, Problems.INVALID,
                    "a header or the path contains characters that are not allowed");
        }
        if (failure instanceof RequestBodyLimitFilter.BodyTooLargeException) {
            // A body the controller reads itself (an import) that passed its limit while being read.
            return new ErrorResponseException(HttpStatus.PAYLOAD_TOO_LARGE, RequestBodyLimitFilter.tooLarge(), null);
        }
        if (failure instanceof TypeMismatchException mismatch) {
            // The API's advice answers these before they get here; a page's parameters meet them here.
            return Problems.refusal(HttpStatus.BAD_REQUEST, Problems.INVALID,
                    "parameter '" + mismatch.getPropertyName() + "' has the wrong format");
        }
        return unforeseen(failure);
    }

    /**
     * The store out of reach (the database, Axon Server), or over Axon Server no process connected that
     * handles the request, is no fault of the request or of Blackbox, and passes: 503 with
     * {@code Retry-After}, so that bots retry it as they retry a busy incident.
     */
    private ErrorResponseException unforeseen(Exception failure) {
        if (StoreUnavailability.explains(failure)) {
            log.warn("Store unavailable: {}", failure.toString());
            return Problems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "Store unavailable",
                    "the event store or database cannot be reached right now; retry the request");
        }
        if (overAxonServer && StoreUnavailability.noHandlerConnected(failure)) {
            log.warn("No handler connected to Axon Server: {}", failure.toString());
            return Problems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "No handler connected",
                    "no Blackbox process that handles this request is connected to Axon Server right now; retry the request");
        }
        log.error("Request failed unexpectedly", failure);
        return Problems.refusal(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the server failed to handle the request; it has been logged");
    }

    private static ErrorResponseException ruleViolated(RuleViolation violation) {
        ErrorResponseException refusal = Problems.refusal(violation.rule().kind().status(), switch (violation.rule().kind()) {
            case INVALID -> Problems.INVALID;
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Rule violated";
        }, violation.getMessage());
        refusal.getBody().setProperty("rule", violation.rule().code());
        return refusal;
    }

    private static ErrorResponseException constraintViolated(ConstraintViolationException violation) {
        ErrorResponseException refusal = Problems.refusal(HttpStatus.BAD_REQUEST, Problems.INVALID, "the request is invalid");
        refusal.getBody().setProperty("errors", violation.getConstraintViolations().stream()
                .map(v -> Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage()))
                .toList());
        return refusal;
    }
}
