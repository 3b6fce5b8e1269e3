package dev.blackbox.query.incident;

import dev.blackbox.events.ActionTaken;
import dev.blackbox.events.CorrectiveActionAdded;
import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.events.HypothesisRuledOut;
import dev.blackbox.events.ImpactAssessed;
import dev.blackbox.events.IncidentAcknowledged;
import dev.blackbox.events.IncidentEscalated;
import dev.blackbox.events.IncidentEvent;
import dev.blackbox.events.IncidentMitigated;
import dev.blackbox.events.IncidentReopened;
import dev.blackbox.events.IncidentResolved;
import dev.blackbox.events.IssueDetected;
import dev.blackbox.events.RootCauseIdentified;
import dev.blackbox.events.SeverityChanged;
import dev.blackbox.query.IncidentFacts;
import dev.blackbox.query.replay.ReadModel;
import dev.blackbox.query.replay.ReadModelProcessor;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.function.Consumer;

import static dev.blackbox.query.SqlTimes.latest;

/**
 * The incident list and detail. Status follows the order the aggregate accepted the events in
 * (its rules depend on it); "first" and "current" facts follow {@code occurredAt}, so a
 * back-filled fact lands where it happened in the world. An event at or below the row's last
 * sequence number was already applied, which makes a replay harmless.
 */
@Component
@ProcessingGroup(ReadModelProcessor.PROCESSING_GROUP)
@ReadModel(IncidentSummaryProjection.NAME)
public class IncidentSummaryProjection {

    public static final String NAME = "incident-summary";

    private final IncidentRepository repository;

    public IncidentSummaryProjection(IncidentRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    void on(IssueDetected event, @SequenceNumber long sequence) {
        if (repository.find(event.incidentId()).isPresent()) {
            return;
        }
        IncidentRow row = new IncidentRow();
        row.detected(event, sequence);
        row.title = event.title();
        row.description = event.description();
        row.status = IncidentStatus.OPEN;
        row.detectedBy = event.detectedBy();
        row.recordedBy = event.recordedBy();
        row.userImpactPercent = event.userImpactPercent();
        row.lastEventAt = event.occurredAt();
        repository.insert(row);
    }

    @EventHandler
    void on(IncidentAcknowledged event, @SequenceNumber long sequence) {
        change(event, sequence, row -> {
            if (row.acknowledgedAt == null || event.occurredAt().isBefore(row.acknowledgedAt)) {
                row.acknowledgedAt = event.occurredAt();
                row.acknowledgedBy = event.responder() == null ? event.recordedBy() : event.responder();
            }
        });
    }

    @EventHandler
    void on(IncidentEscalated event, @SequenceNumber long sequence) {
        change(event, sequence, row -> row.escalationCount++);
    }

    @EventHandler
    void on(HypothesisRecorded event, @SequenceNumber long sequence) {
        change(event, sequence, row -> row.hypothesisCount++);
    }

    @EventHandler
    void on(HypothesisRuledOut event, @SequenceNumber long sequence) {
        change(event, sequence, row -> row.ruledOutCount++);
    }

    @EventHandler
    void on(ActionTaken event, @SequenceNumber long sequence) {
        change(event, sequence, row -> row.actionCount++);
    }

    @EventHandler
    void on(ImpactAssessed event, @SequenceNumber long sequence) {
        change(event, sequence, row -> {
            if (row.impactAssessed(event)) {
                row.impactDescription = event.description();
                if (event.userImpactPercent() != null) {
                    row.userImpactPercent = event.userImpactPercent();
                }
            }
        });
    }

    @EventHandler
    void on(SeverityChanged event, @SequenceNumber long sequence) {
        change(event, sequence, row -> row.severityChanged(event));
    }

    @EventHandler
    void on(RootCauseIdentified event, @SequenceNumber long sequence) {
        change(event, sequence, row -> {
            if (row.rootCauseIdentified(event)) {
                row.rootCauseSummary = event.summary();
            }
        });
    }

    @EventHandler
    void on(IncidentMitigated event, @SequenceNumber long sequence) {
        change(event, sequence, row -> {
            if (row.status == IncidentStatus.OPEN) {
                row.status = IncidentStatus.MITIGATED;
            }
            if (row.mitigatedAt == null || event.occurredAt().isBefore(row.mitigatedAt)) {
                row.mitigatedAt = event.occurredAt();
                row.mitigation = event.description();
            }
        });
    }

    @EventHandler
    void on(IncidentResolved event, @SequenceNumber long sequence) {
        change(event, sequence, row -> {
            row.status = IncidentStatus.RESOLVED;
            row.resolvedAt = event.occurredAt();
            row.resolution = event.resolution();
        });
    }

    @EventHandler
    void on(IncidentReopened event, @SequenceNumber long sequence) {
        change(event, sequence, row -> {
            row.status = IncidentStatus.OPEN;
            row.resolvedAt = null;
            row.resolution = null;
            row.reopenCount++;
        });
    }

    @EventHandler
    void on(CorrectiveActionAdded event, @SequenceNumber long sequence) {
        change(event, sequence, row -> row.correctiveActionCount++);
    }

    @ResetHandler
    void reset() {
        repository.deleteAll();
    }

    /** {@code null} when unknown: callers ask for an optional answer, and an {@code Optional} cannot cross Axon Server. */
    @QueryHandler
    IncidentView handle(FindIncident query) {
        return repository.findView(query.incidentId()).orElse(null);
    }

    @QueryHandler
    IncidentListView handle(FindIncidents query) {
        return repository.search(query);
    }

    private void change(IncidentEvent event, long sequence, Consumer<IncidentRow> change) {
        IncidentFacts.change(repository.find(event.incidentId()), sequence, row -> {
            change.accept(row);
            row.lastEventAt = latest(row.lastEventAt, event.occurredAt());
        }, repository::update);
    }
}
