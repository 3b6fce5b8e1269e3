package dev.blackbox.query.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No read model knows the incident: answered 404 with a problem detail naming the id. */
public class IncidentNotFoundException extends ErrorResponseException {

    public IncidentNotFoundException(String incidentId) {
        super(HttpStatus.NOT_FOUND, problem(incidentId), null);
    }

    private static ProblemDetail problem(String incidentId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No incident with id '" + incidentId + "' is known.");
        problem.setTitle("Incident not found");
        problem.setProperty("incidentId", incidentId);
        return problem;
    }
}
