package dev.blackbox.query.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.investigation.InvestigationView;

/** The incident detail page: the incident's fields at top level plus its investigation state. */
record IncidentDetailView(@JsonUnwrapped IncidentView incident, InvestigationView investigation) {
}
