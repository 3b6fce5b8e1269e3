package dev.blackbox.query.timetravel;

import dev.blackbox.events.IncidentEvent;
import dev.blackbox.query.timeline.TimelineView;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.function.Function;

/**
 * What was known about an incident at an instant, built from its events by the same code that
 * builds the current views, so the two cannot drift apart.
 * <p>
 * For each question the incident's events are read from the event store (from sequence 0: a
 * snapshot would hide the events before it), those that happened after the instant are left out,
 * and the rest go to fresh instances of the incident-summary, investigation and timeline
 * projections writing to a private in-memory database ({@link ScratchReadModels}) that is dropped
 * with the answer. The repositories' own queries then read the views back. Nothing about the rules
 * is written twice: a change to a projection changes the current and the as-of views alike.
 * <p>
 * The events go in the order the incident recorded them, not sorted by {@code occurredAt}: that
 * is the order the projections are written for (their replay guards compare sequence numbers,
 * status follows the order the aggregate accepted events in, and first/latest facts already go by
 * {@code occurredAt}). An instant at or after the last event therefore answers exactly what the
 * current views answer, and the timeline is ordered by {@code occurredAt}, ties by sequence, as
 * always.
 * <p>
 * Before its detection an incident is not known: the answer is empty (a 404 over HTTP), even when
 * back-filled facts dated before the detection exist.
 */
@Component
class TimeTravel {

    private final EventStore eventStore;
    private final ScratchSchema schema;

    TimeTravel(EventStore eventStore, ScratchSchema schema) {
        this.eventStore = eventStore;
        this.schema = schema;
    }

    /** {@code null} when unknown: callers ask for an optional answer, and an {@code Optional} cannot cross Axon Server. */
    @QueryHandler
    IncidentStateView handle(FindIncidentAsOf query) {
        String id = query.incidentId();
        return asOf(id, query.asOf(), models -> models.incident(id)
                .map(incident -> new IncidentStateView(incident, models.investigation(id))).orElse(null));
    }

    /** {@code null} when unknown: callers ask for an optional answer, and an {@code Optional} cannot cross Axon Server. */
    @QueryHandler
    TimelineView handle(FindTimelineAsOf query) {
        String id = query.incidentId();
        return asOf(id, query.asOf(), models -> models.incident(id)
                .map(detected -> new TimelineView(id, models.timeline(id))).orElse(null));
    }

    private <R> R asOf(String incidentId, Instant asOf, Function<ScratchReadModels, R> read) {
        try (ScratchReadModels models = new ScratchReadModels(schema.statements())) {
            eventStore.readEvents(incidentId, 0).asStream()
                    .filter(event -> happenedBy(event, asOf))
                    .forEach(models::apply);
            return read.apply(models);
        }
    }

    private static boolean happenedBy(DomainEventMessage<?> event, Instant asOf) {
        return event.getPayload() instanceof IncidentEvent fact && !fact.occurredAt().isAfter(asOf);
    }
}
