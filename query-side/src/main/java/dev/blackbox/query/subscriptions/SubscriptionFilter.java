package dev.blackbox.query.subscriptions;

import dev.blackbox.events.Severity;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.timeline.TimelineEntryKind;
import java.util.List;

/**
 * Which facts a subscription hears; an empty list lets everything through. Severity and services are
 * the incident's as the read models know them when the fact is delivered. Drills are left out unless
 * asked for.
 */
public record SubscriptionFilter(
        List<String> incidentIds,
        List<Severity> severities,
        List<String> services,
        List<TimelineEntryKind> kinds,
        boolean includeDrills) {

    public SubscriptionFilter {
        incidentIds = incidentIds == null ? List.of() : List.copyOf(incidentIds);
        severities = severities == null ? List.of() : List.copyOf(severities);
        services = services == null ? List.of() : List.copyOf(services);
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
    }

    static SubscriptionFilter everything() {
        return new SubscriptionFilter(null, null, null, null, false);
    }

    boolean admits(IncidentView incident, TimelineEntryKind kind) {
        return (includeDrills || !incident.drill())
                && (incidentIds.isEmpty() || incidentIds.contains(incident.incidentId()))
                && (severities.isEmpty() || severities.contains(incident.severity()))
                && (services.isEmpty() || incident.affectedServices().stream().anyMatch(services::contains))
                && (kinds.isEmpty() || kinds.contains(kind));
    }
}
