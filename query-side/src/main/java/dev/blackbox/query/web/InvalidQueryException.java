package dev.blackbox.query.web;

import dev.blackbox.plumbing.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A query parameter the client got wrong: answered 400 with a problem detail naming the parameter. */
public class InvalidQueryException extends ErrorResponseException {

    public InvalidQueryException(String parameter, String detail) {
        super(HttpStatus.BAD_REQUEST, problem(parameter, detail), null);
    }

    private static ProblemDetail problem(String parameter, String detail) {
        ProblemDetail problem = Problems.document(HttpStatus.BAD_REQUEST, "Invalid query parameter", detail);
        problem.setProperty("parameter", parameter);
        return problem;
    }
}
