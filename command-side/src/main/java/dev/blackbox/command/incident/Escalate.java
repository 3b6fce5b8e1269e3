package dev.blackbox.command.incident;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record Escalate(
        @TargetAggregateIdentifier String incidentId,
        Instant occurredAt,
        String recordedBy,
        String escalationTarget,
        String reason) implements IncidentCommand {
}
