package dev.blackbox.command.incident;

import dev.blackbox.events.ActionOutcome;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordAction(
        @TargetAggregateIdentifier String incidentId,
        Instant occurredAt,
        String recordedBy,
        String actionId,
        String description,
        ActionOutcome outcome,
        String hypothesisId) implements IncidentCommand {
}
