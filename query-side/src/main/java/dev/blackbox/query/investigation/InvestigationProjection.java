package dev.blackbox.query.investigation;

import dev.blackbox.events.ActionOutcome;
import dev.blackbox.events.ActionTaken;
import dev.blackbox.events.ContributingFactorIdentified;
import dev.blackbox.events.ContributingFactorWithdrawn;
import dev.blackbox.events.HypothesisConfirmed;
import dev.blackbox.events.HypothesisRecorded;
import dev.blackbox.events.HypothesisRuledOut;
import dev.blackbox.events.IncidentEscalated;
import dev.blackbox.events.RootCauseCategory;
import dev.blackbox.events.RootCauseIdentified;
import dev.blackbox.query.replay.ReadModel;
import dev.blackbox.query.replay.ReadModelProcessor;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Hypotheses, actions, escalations, the root cause and the contributing factors. Rows are keyed by hypothesis id or by the
 * event's sequence number, so applying an event twice writes the same row twice.
 */
@Component
@ProcessingGroup(ReadModelProcessor.PROCESSING_GROUP)
@ReadModel(InvestigationProjection.NAME)
public class InvestigationProjection {

    public static final String NAME = "investigation";

    private final InvestigationRepository repository;

    public InvestigationProjection(InvestigationRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    void on(HypothesisRecorded event, @SequenceNumber long sequence) {
        repository.recordHypothesis(event.incidentId(), sequence, event.hypothesisId(), event.statement(),
                event.suspectedComponent(), event.occurredAt(), event.recordedBy());
    }

    @EventHandler
    void on(HypothesisRuledOut event) {
        repository.closeHypothesis(event.incidentId(), event.hypothesisId(), HypothesisStatus.RULED_OUT,
                event.occurredAt(), event.recordedBy(), event.evidence());
    }

    @EventHandler
    void on(HypothesisConfirmed event) {
        repository.closeHypothesis(event.incidentId(), event.hypothesisId(), HypothesisStatus.CONFIRMED,
                event.occurredAt(), event.recordedBy(), event.evidence());
    }

    @EventHandler
    void on(ActionTaken event, @SequenceNumber long sequence) {
        ActionOutcome outcome = event.outcome() == null ? ActionOutcome.UNKNOWN : event.outcome();
        repository.saveAction(event.incidentId(), sequence, new ActionView(event.actionId(), event.description(),
                outcome, event.hypothesisId(), event.occurredAt(), event.recordedBy()));
    }

    @EventHandler
    void on(IncidentEscalated event, @SequenceNumber long sequence) {
        repository.saveEscalation(event.incidentId(), sequence, new EscalationView(event.escalationTarget(),
                event.reason(), event.occurredAt(), event.recordedBy()));
    }

    @EventHandler
    void on(RootCauseIdentified event) {
        RootCauseCategory category = event.category() == null ? RootCauseCategory.UNKNOWN : event.category();
        repository.saveRootCause(event.incidentId(), new RootCauseView(event.summary(), category,
                event.hypothesisId(), event.occurredAt(), event.recordedBy()));
    }

    @EventHandler
    void on(ContributingFactorIdentified event, @SequenceNumber long sequence) {
        repository.identifyFactor(event.incidentId(), sequence, new ContributingFactorView(event.factorId(),
                event.description(), event.kind(), event.category(), event.hypothesisId(), event.occurredAt(),
                event.recordedBy(), null, null, null));
    }

    @EventHandler
    void on(ContributingFactorWithdrawn event) {
        repository.withdrawFactor(event.incidentId(), event.factorId(), event.occurredAt(), event.recordedBy(),
                event.reason());
    }

    @ResetHandler
    void reset() {
        repository.deleteAll();
    }

    @QueryHandler
    InvestigationView handle(FindInvestigation query) {
        return repository.load(query.incidentId());
    }
}
