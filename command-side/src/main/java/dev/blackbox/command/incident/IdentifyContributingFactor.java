package dev.blackbox.command.incident;

import dev.blackbox.events.ContributingFactorKind;
import dev.blackbox.events.RootCauseCategory;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record IdentifyContributingFactor(
        @TargetAggregateIdentifier String incidentId,
        Instant occurredAt,
        String recordedBy,
        String factorId,
        String description,
        ContributingFactorKind kind,
        RootCauseCategory category,
        String hypothesisId) implements IncidentCommand {
}
