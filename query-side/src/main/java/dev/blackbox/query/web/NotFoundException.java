package dev.blackbox.query.web;

import dev.blackbox.plumbing.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Something other than an incident that the client named and that does not exist: answered 404. */
public class NotFoundException extends ErrorResponseException {

    public NotFoundException(String title, String detail) {
        super(HttpStatus.NOT_FOUND, Problems.document(HttpStatus.NOT_FOUND, title, detail), null);
    }
}
