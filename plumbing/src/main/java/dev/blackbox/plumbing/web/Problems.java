package dev.blackbox.plumbing.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The one place where problem documents (RFC 9457) are made, so that every refusal reads alike: a
 * status, a short title, a detail that says what to fix, and the fields to fix where there are some.
 */
public final class Problems {

    /** The title of a 400: the client can fix the request. */
    public static final String INVALID = "Invalid request";

    private Problems() {
    }

    public static ProblemDetail document(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /** A refusal that Spring answers with its problem document. */
    public static ErrorResponseException refusal(HttpStatus status, String title, String detail) {
        return new ErrorResponseException(status, document(status, title, detail), null);
    }

    /** A 400 for one field of the request, listed as {@code errors: [{field, message}]} like a validation error. */
    public static ErrorResponseException invalidField(String field, String message) {
        ProblemDetail problem = document(HttpStatus.BAD_REQUEST, INVALID, field + " " + message);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    /** A refusal that is over with time: the client is told to retry after a second. */
    public static ErrorResponseException retryLater(HttpStatus status, String title, String detail) {
        ErrorResponseException exception = refusal(status, title, detail);
        exception.getHeaders().set("Retry-After", "1");
        return exception;
    }
}
