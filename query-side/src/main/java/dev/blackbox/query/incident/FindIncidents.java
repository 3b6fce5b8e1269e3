package dev.blackbox.query.incident;

import dev.blackbox.events.Severity;

import java.time.Instant;
import java.util.Set;

/**
 * A page of incidents, newest detection first. Empty sets and null values mean "no filter";
 * {@code from} is inclusive and {@code to} exclusive, both applied to the detection time.
 */
public record FindIncidents(
        Set<IncidentStatus> statuses,
        Set<Severity> severities,
        String service,
        Instant from,
        Instant to,
        Boolean drill,
        int page,
        int size) {

    public FindIncidents {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        severities = severities == null ? Set.of() : Set.copyOf(severities);
    }
}
