package dev.blackbox.command.incident;

import dev.blackbox.events.Severity;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeSeverity(
        @TargetAggregateIdentifier String incidentId,
        Instant occurredAt,
        String recordedBy,
        Severity severity,
        String reason) implements IncidentCommand {
}
