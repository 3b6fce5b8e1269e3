package dev.blackbox.events;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A new estimate of who and what the outage affects; replaces earlier estimates. */
@Revision("1")
public record ImpactAssessed(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        Integer userImpactPercent,
        List<String> affectedServices,
        String description) implements IncidentEvent {

    public ImpactAssessed {
        affectedServices = affectedServices == null ? List.of() : List.copyOf(affectedServices);
    }
}
