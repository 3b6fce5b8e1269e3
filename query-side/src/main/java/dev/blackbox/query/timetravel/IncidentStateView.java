package dev.blackbox.query.timetravel;

import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.investigation.InvestigationView;

/** An incident and its investigation as they stood at one instant. */
public record IncidentStateView(IncidentView incident, InvestigationView investigation) {
}
