package dev.blackbox.query.web;

import dev.blackbox.plumbing.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.time.Instant;

/** No read model knows the incident: answered 404 with a problem detail naming the id. */
public class IncidentNotFoundException extends ErrorResponseException {

    public IncidentNotFoundException(String incidentId) {
        super(HttpStatus.NOT_FOUND, problem(incidentId, "No incident with id '" + incidentId + "' is known."), null);
    }

    /** The incident is unknown, or had not been detected yet at {@code asOf}. */
    public IncidentNotFoundException(String incidentId, Instant asOf) {
        super(HttpStatus.NOT_FOUND, problem(incidentId,
                "No incident with id '" + incidentId + "' had been detected by " + asOf + "."), null);
        getBody().setProperty("asOf", asOf.toString());
    }

    private static ProblemDetail problem(String incidentId, String detail) {
        ProblemDetail problem = Problems.document(HttpStatus.NOT_FOUND, "Incident not found", detail);
        problem.setProperty("incidentId", incidentId);
        return problem;
    }
}
