package dev.blackbox.query.web;

import dev.blackbox.events.Severity;
import dev.blackbox.query.incident.FindIncident;
import dev.blackbox.query.incident.FindIncidents;
import dev.blackbox.query.incident.IncidentListView;
import dev.blackbox.query.incident.IncidentStatus;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.investigation.FindInvestigation;
import dev.blackbox.query.investigation.InvestigationView;
import dev.blackbox.query.metrics.FindIncidentMetrics;
import dev.blackbox.query.metrics.IncidentMetricsView;
import dev.blackbox.query.timeline.FindTimeline;
import dev.blackbox.query.timeline.TimelineView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Reads of incidents: the list, one incident with its investigation, its timeline and its metrics. */
@RestController
@Tag(name = "Incidents", description = "What happened: incidents, their timelines, investigations and metrics")
@RequestMapping("/api/v1/incidents")
class IncidentQueryController {

    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 500;

    private final Reads reads;

    IncidentQueryController(Reads reads) {
        this.reads = reads;
    }

    @GetMapping
    @Operation(summary = "List incidents, newest detection first, filtered by status, severity, service, time and drill")
    IncidentListView list(@RequestParam(required = false) List<String> status,
                          @RequestParam(required = false) List<String> severity,
                          @RequestParam(required = false) String service,
                          @RequestParam(required = false) String from,
                          @RequestParam(required = false) String to,
                          @RequestParam(required = false) String drill,
                          @RequestParam(required = false) String page,
                          @RequestParam(required = false) String size) {
        Instant fromInstant = QueryParameters.instant("from", from);
        Instant toInstant = QueryParameters.instant("to", to);
        QueryParameters.requireOrdered(fromInstant, toInstant);
        FindIncidents query = new FindIncidents(
                QueryParameters.enums("status", status, IncidentStatus.class),
                QueryParameters.enums("severity", severity, Severity.class),
                service == null || service.isBlank() ? null : service.strip(),
                fromInstant,
                toInstant,
                QueryParameters.bool("drill", drill),
                QueryParameters.integer("page", page, 0, 0, Integer.MAX_VALUE),
                QueryParameters.integer("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE));
        return reads.one(query, IncidentListView.class);
    }

    @GetMapping("/{incidentId}")
    @Operation(summary = "One incident with its investigation: hypotheses, actions, escalations, root cause")
    IncidentDetailView incident(@PathVariable String incidentId) {
        IncidentView incident = reads.optional(new FindIncident(incidentId), IncidentView.class)
                .orElseThrow(() -> new IncidentNotFoundException(incidentId));
        return new IncidentDetailView(incident,
                reads.one(new FindInvestigation(incidentId), InvestigationView.class));
    }

    @GetMapping("/{incidentId}/timeline")
    @Operation(summary = "Every event of the incident as a timeline entry, in the order things happened")
    TimelineView timeline(@PathVariable String incidentId) {
        return reads.optional(new FindTimeline(incidentId), TimelineView.class)
                .orElseThrow(() -> new IncidentNotFoundException(incidentId));
    }

    @GetMapping("/{incidentId}/metrics")
    @Operation(summary = "Time to detect, acknowledge, mitigate, resolve and find the root cause; null when not known")
    IncidentMetricsView metrics(@PathVariable String incidentId) {
        return reads.optional(new FindIncidentMetrics(incidentId), IncidentMetricsView.class)
                .orElseThrow(() -> new IncidentNotFoundException(incidentId));
    }
}
