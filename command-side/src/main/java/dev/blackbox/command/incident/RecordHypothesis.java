package dev.blackbox.command.incident;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordHypothesis(
        @TargetAggregateIdentifier String incidentId,
        Instant occurredAt,
        String recordedBy,
        String hypothesisId,
        String statement,
        String suspectedComponent) implements IncidentCommand {
}
