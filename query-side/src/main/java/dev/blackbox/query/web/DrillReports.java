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
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** The drill report, for the training API and the web interface: the trainees' path against the original team's. */
@Component
public class DrillReports {

    private final Reads reads;
    private final EventStore eventStore;

    DrillReports(Reads reads, EventStore eventStore) {
        this.reads = reads;
        this.eventStore = eventStore;
    }

    /** The report of drill {@code drillId}; a {@link NotFoundException} when there is no such drill. */
    public DrillReportView report(String drillId) {
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
