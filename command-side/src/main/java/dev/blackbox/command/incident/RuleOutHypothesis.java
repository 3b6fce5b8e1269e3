package dev.blackbox.command.incident;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RuleOutHypothesis(
        @TargetAggregateIdentifier String incidentId,
        Instant occurredAt,
        String recordedBy,
        String hypothesisId,
        String evidence) implements IncidentCommand {
}
