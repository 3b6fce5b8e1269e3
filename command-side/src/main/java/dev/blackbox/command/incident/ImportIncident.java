package dev.blackbox.command.incident;

import dev.blackbox.events.IncidentEvent;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Recreate an incident from its facts, e.g. an export of another installation or a training
 * library. The facts keep their times and senders but are recorded under {@code incidentId}.
 */
public record ImportIncident(@TargetAggregateIdentifier String incidentId, List<IncidentEvent> events) {

    public ImportIncident {
        events = List.copyOf(events);
    }
}
