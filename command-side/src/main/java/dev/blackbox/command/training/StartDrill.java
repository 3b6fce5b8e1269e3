package dev.blackbox.command.training;

import dev.blackbox.events.DrillSpeed;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record StartDrill(
        @TargetAggregateIdentifier String drillId,
        String incidentId,
        String sourceIncidentId,
        DrillSpeed speed,
        String startedBy) {
}
