package dev.blackbox.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A trainer started replaying {@code sourceIncidentId} onto the new drill incident
 * {@code incidentId}, re-timed from {@code startedAt} at {@code speed}.
 */
@Revision("1")
public record DrillStarted(
        String drillId,
        String incidentId,
        String sourceIncidentId,
        DrillSpeed speed,
        Instant startedAt,
        String startedBy) implements DrillEvent {
}
