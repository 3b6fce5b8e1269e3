package dev.blackbox.query.incident;

/** Where an incident stands; a reopened incident is OPEN again. */
public enum IncidentStatus {
    OPEN, MITIGATED, RESOLVED
}
