package dev.blackbox.query.web;

import dev.blackbox.events.DrillRevealed;
import dev.blackbox.events.DrillStarted;
import dev.blackbox.query.incident.FindIncident;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.investigation.FindInvestigation;
import dev.blackbox.query.investigation.InvestigationView;
import dev.blackbox.query.metrics.FindIncidentMetrics;
import dev.blackbox.query.metrics.IncidentMetricsView;
import dev.blackbox.query.training.DrillComparison;
import dev.blackbox.query.training.DrillReportView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The drill report: the trainees' path against the original team's. */
@RestController
@Tag(name = "Training", description = "Replay past incidents as drills for on-call training")
class DrillReportController {

    private final Reads reads;
    private final EventStore eventStore;

    DrillReportController(Reads reads, EventStore eventStore) {
        this.reads = reads;
        this.eventStore = eventStore;
    }

    @GetMapping("/api/v1/training/drills/{drillId}/report")
    @Operation(summary = "Compare the trainees' hypotheses and time to the answer with the original incident's")
    DrillReportView report(@PathVariable String drillId) {
        List<?> drill = eventStore.readEvents(drillId, 0).asStream().map(message -> message.getPayload()).toList();
        DrillStarted started = drill.stream().filter(DrillStarted.class::isInstance).map(DrillStarted.class::cast)
                .findFirst().orElseThrow(() -> new NotFoundException("Drill not found", "no drill " + drillId));
        DrillRevealed revealed = drill.stream().filter(DrillRevealed.class::isInstance).map(DrillRevealed.class::cast)
                .findFirst().orElse(null);
        InvestigationView source = reads.one(new FindInvestigation(started.sourceIncidentId()), InvestigationView.class);
        Long sourceTimeToRootCause = reads.optional(new FindIncidentMetrics(started.sourceIncidentId()),
                IncidentMetricsView.class).map(IncidentMetricsView::timeToRootCauseSeconds).orElse(null);
        IncidentView drillIncident = reads.optional(new FindIncident(started.incidentId()), IncidentView.class)
                .orElse(null);
        InvestigationView trainees = reads.one(new FindInvestigation(started.incidentId()), InvestigationView.class);
        return DrillComparison.compare(started, revealed, source, sourceTimeToRootCause,
                drillIncident == null ? null : drillIncident.detectedAt(), trainees);
    }
}
