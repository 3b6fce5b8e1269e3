package dev.blackbox.command.incident;

import dev.blackbox.events.RootCauseCategory;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record IdentifyRootCause(
        @TargetAggregateIdentifier String incidentId,
        Instant occurredAt,
        String recordedBy,
        String summary,
        RootCauseCategory category,
        String hypothesisId) implements IncidentCommand {
}
