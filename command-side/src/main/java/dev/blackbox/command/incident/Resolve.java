package dev.blackbox.command.incident;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record Resolve(
        @TargetAggregateIdentifier String incidentId,
        Instant occurredAt,
        String recordedBy,
        String resolution) implements IncidentCommand {
}
