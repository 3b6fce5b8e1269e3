package dev.blackbox.command.incident;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddNote(
        @TargetAggregateIdentifier String incidentId,
        Instant occurredAt,
        String recordedBy,
        String noteId,
        String text) implements IncidentCommand {
}
