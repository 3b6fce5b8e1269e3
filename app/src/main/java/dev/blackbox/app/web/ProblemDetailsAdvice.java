package dev.blackbox.app.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.blackbox.command.incident.CommandFailure;
import dev.blackbox.command.incident.RuleViolation;
import dev.blackbox.plumbing.web.Problems;
import jakarta.validation.ConstraintViolationException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where failures become RFC 9457 problem documents. Client mistakes get a 4xx that
 * says what to fix; nothing a client sends can produce a 500, and no response carries a stack trace.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** Whether commands and queries travel through Axon Server (the axonserver profile). */
    private final boolean overAxonServer;

    ProblemDetailsAdvice(@Value("${axon.axonserver.enabled:false}") boolean overAxonServer) {
        this.overAxonServer = overAxonServer;
    }

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolated(RuleViolation violation) {
        ProblemDetail problem = Problems.document(violation.rule().kind().status(), switch (violation.rule().kind()) {
            case INVALID -> Problems.INVALID;
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Rule violated";
        }, violation.getMessage());
        problem.setProperty("rule", violation.rule().code());
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail incidentNotFound(AggregateNotFoundException notFound) {
        return Problems.document(HttpStatus.NOT_FOUND, "Incident not found",
                "no incident " + notFound.getAggregateIdentifier());
    }

    /**
     * A command sent straight through the gateway rather than the incident command sender (drills):
     * its refusal arrives wrapped, and is answered like the refusal itself.
     */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException failure) {
        RuntimeException original = CommandFailure.unwrap(failure);
        if (original instanceof RuleViolation violation) {
            return answer(ruleViolated(violation));
        }
        if (original instanceof AggregateNotFoundException notFound) {
            return answer(incidentNotFound(notFound));
        }
        return unexpected(failure);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolated(ConstraintViolationException violation) {
        ProblemDetail problem = Problems.document(HttpStatus.BAD_REQUEST, Problems.INVALID, "the request is invalid");
        problem.setProperty("errors", violation.getConstraintViolations().stream()
                .map(v -> Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage()))
                .toList());
        return problem;
    }

    /**
     * Spring Security's firewall checks header values when they are first read, which for headers
     * like {@code Idempotency-Key} is inside the controller: a control character there is the
     * client's mistake, not a server failure.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail requestRejected(RequestRejectedException rejected) {
        return Problems.document(HttpStatus.BAD_REQUEST, Problems.INVALID,
                "a header or the path contains characters that are not allowed");
    }

    /** A body the controller reads itself (an import) that passed its limit while being read. */
    @ExceptionHandler(RequestBodyLimitFilter.BodyTooLargeException.class)
    ProblemDetail tooLarge(RequestBodyLimitFilter.BodyTooLargeException tooLarge) {
        return RequestBodyLimitFilter.tooLarge();
    }

    /**
     * A failure nobody foresaw is a 500, logged; but the store out of reach (the database, Axon Server),
     * or over Axon Server no process connected that handles the request, is no fault of the request or
     * of Blackbox, and passes: 503 with {@code Retry-After}, so that bots retry it as they retry a busy
     * incident.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        if (StoreUnavailability.explains(failure)) {
            log.warn("Store unavailable: {}", failure.toString());
            return retryLater("Store unavailable",
                    "the event store or database cannot be reached right now; retry the request");
        }
        if (overAxonServer && StoreUnavailability.noHandlerConnected(failure)) {
            log.warn("No handler connected to Axon Server: {}", failure.toString());
            return retryLater("No handler connected",
                    "no Blackbox process that handles this request is connected to Axon Server right now; retry the request");
        }
        log.error("Request failed unexpectedly", failure);
        return answer(Problems.document(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the server failed to handle the request; it has been logged"));
    }

    private static ResponseEntity<ProblemDetail> retryLater(String title, String detail) {
        ErrorResponseException unavailable = Problems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, title, detail);
        return ResponseEntity.status(unavailable.getStatusCode()).headers(unavailable.getHeaders())
                .body(unavailable.getBody());
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> fieldErrors = invalid.getBindingResult().getFieldErrors();
        ProblemDetail problem = Problems.document(HttpStatus.BAD_REQUEST, Problems.INVALID, fieldErrors.stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .collect(Collectors.joining("; ")));
        problem.setProperty("errors", fieldErrors.stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList());
        return handleExceptionInternal(invalid, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(unreadable, RequestBodyLimitFilter.BodyTooLargeException.class)) {
            ProblemDetail problem = RequestBodyLimitFilter.tooLarge();
            return handleExceptionInternal(unreadable, problem, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
        }
        ProblemDetail problem = Problems.document(HttpStatus.BAD_REQUEST, "Unreadable request body", describe(unreadable));
        return handleExceptionInternal(unreadable, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Says what is wrong with a body in the client's terms, without naming server classes. */
    private static String describe(HttpMessageNotReadableException unreadable) {
        Throwable cause = unreadable.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + path(unknown) + "'";
        }
        if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "field '" + path(invalid) + "': '" + invalid.getValue() + "' is not one of "
                    + Arrays.toString(invalid.getTargetType().getEnumConstants());
        }
        if (cause instanceof InvalidFormatException invalid) {
            return "field '" + path(invalid) + "': '" + invalid.getValue() + "' has the wrong format"
                    + (invalid.getTargetType() == java.time.Instant.class ? " (expected an ISO-8601 instant)" : "");
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "field '" + path(mapping) + "' has the wrong type";
        }
        if (cause instanceof JsonParseException parse) {
            return "malformed JSON at line " + parse.getLocation().getLineNr()
                    + ", column " + parse.getLocation().getColumnNr();
        }
        return "the request body is missing or is not valid JSON";
    }

    private static String path(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
