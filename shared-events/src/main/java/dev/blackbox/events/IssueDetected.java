package dev.blackbox.events;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An outage was noticed. {@code impactStartedAt} is when users started to suffer, which can be
 * before detection; it equals {@code occurredAt} when the sender did not know.
 */
@Revision("1")
public record IssueDetected(
        String incidentId,
        Instant occurredAt,
        String recordedBy,
        String title,
        String description,
        Severity severity,
        String detectedBy,
        Instant impactStartedAt,
        List<String> affectedServices,
        Integer userImpactPercent,
        boolean drill) implements IncidentEvent {

    public IssueDetected {
        affectedServices = affectedServices == null ? List.of() : List.copyOf(affectedServices);
    }
}
