package dev.blackbox.command.incident;

import dev.blackbox.events.Severity;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DetectIssue(
        @TargetAggregateIdentifier String incidentId,
        Instant occurredAt,
        String recordedBy,
        String title,
        String description,
        Severity severity,
        String detectedBy,
        Instant impactStartedAt,
        List<String> affectedServices,
        Integer userImpactPercent,
        boolean drill) implements IncidentCommand {

    public DetectIssue {
        affectedServices = affectedServices == null ? List.of() : List.copyOf(affectedServices);
    }
}
