package dev.blackbox.command.incident;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AssessImpact(
        @TargetAggregateIdentifier String incidentId,
        Instant occurredAt,
        String recordedBy,
        Integer userImpactPercent,
        List<String> affectedServices,
        String description) implements IncidentCommand {

    public AssessImpact {
        affectedServices = affectedServices == null ? List.of() : List.copyOf(affectedServices);
    }
}
