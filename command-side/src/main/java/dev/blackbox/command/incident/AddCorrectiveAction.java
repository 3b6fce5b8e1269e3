package dev.blackbox.command.incident;

import dev.blackbox.events.CorrectiveActionKind;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddCorrectiveAction(
        @TargetAggregateIdentifier String incidentId,
        Instant occurredAt,
        String recordedBy,
        String correctiveActionId,
        String description,
        CorrectiveActionKind kind,
        String owner,
        Instant dueAt) implements IncidentCommand {
}
