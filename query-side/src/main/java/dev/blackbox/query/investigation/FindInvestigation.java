package dev.blackbox.query.investigation;

/** The investigation state of one incident; empty lists when nothing was investigated (yet). */
public record FindInvestigation(String incidentId) {
}
