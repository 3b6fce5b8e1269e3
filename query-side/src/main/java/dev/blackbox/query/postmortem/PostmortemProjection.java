package dev.blackbox.query.postmortem;

import dev.blackbox.events.ConclusionWritten;
import dev.blackbox.events.CorrectiveActionAdded;
import dev.blackbox.events.CorrectiveActionCompleted;
import dev.blackbox.events.CorrectiveActionKind;
import dev.blackbox.query.replay.ReadModel;
import dev.blackbox.query.replay.ReadModelProcessor;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * The parts of the postmortem that no other read model keeps: corrective actions and the
 * conclusion. The rest of the document is assembled from the other read models when asked for.
 */
@Component
@ProcessingGroup(ReadModelProcessor.PROCESSING_GROUP)
@ReadModel(PostmortemProjection.NAME)
public class PostmortemProjection {

    public static final String NAME = "postmortem";

    private final PostmortemRepository repository;

    public PostmortemProjection(PostmortemRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    void on(CorrectiveActionAdded event, @SequenceNumber long sequence) {
        CorrectiveActionKind kind = event.kind() == null ? CorrectiveActionKind.TASK : event.kind();
        repository.addCorrectiveAction(event.incidentId(), sequence, new CorrectiveMeasureView(
                event.correctiveActionId(), kind, event.description(), event.owner(), event.dueAt(), false, null,
                event.occurredAt(), event.recordedBy()));
    }

    @EventHandler
    void on(CorrectiveActionCompleted event) {
        repository.completeCorrectiveAction(event.incidentId(), event.correctiveActionId(), event.occurredAt(),
                event.recordedBy());
    }

    @EventHandler
    void on(ConclusionWritten event) {
        if (event.text() != null && !event.text().isBlank()) {
            repository.writeConclusion(event.incidentId(),
                    new ConclusionView(event.text(), event.occurredAt(), event.recordedBy()));
        }
    }

    @ResetHandler
    void reset() {
        repository.deleteAll();
    }
}
