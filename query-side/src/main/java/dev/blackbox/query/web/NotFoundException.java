package dev.blackbox.query.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Something other than an incident that the client named and that does not exist: answered 404. */
public class NotFoundException extends ErrorResponseException {

    public NotFoundException(String title, String detail) {
        super(HttpStatus.NOT_FOUND, problem(title, detail), null);
    }

    private static ProblemDetail problem(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle(title);
        return problem;
    }
}
