package dev.blackbox.query.timetravel;

import dev.blackbox.query.incident.IncidentRepository;
import dev.blackbox.query.incident.IncidentSummaryProjection;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.investigation.InvestigationProjection;
import dev.blackbox.query.investigation.InvestigationRepository;
import dev.blackbox.query.investigation.InvestigationView;
import dev.blackbox.query.timeline.TimelineEntryView;
import dev.blackbox.query.timeline.TimelineProjection;
import dev.blackbox.query.timeline.TimelineRepository;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The incident, investigation and timeline read models in a database of their own that lives as
 * long as this object: the application's projection classes and repositories, fed through Axon's
 * annotation adapter so that {@code @SequenceNumber} resolves exactly as in the event processors.
 */
final class ScratchReadModels implements AutoCloseable {

    private final SingleConnectionDataSource database;
    private final IncidentRepository incidents;
    private final InvestigationRepository investigations;
    private final TimelineRepository timelines;
    private final List<AnnotationEventHandlerAdapter> projections;

    ScratchReadModels(List<String> schema) {
        database = privateDatabase();
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(database);
        schema.forEach(statement -> jdbc.getJdbcOperations().update(statement));
        incidents = new IncidentRepository(jdbc);
        investigations = new InvestigationRepository(jdbc);
        timelines = new TimelineRepository(jdbc);
        // An emitter nobody subscribes to: a past state rebuilt here is no news for live followers.
        SimpleQueryUpdateEmitter nobody = SimpleQueryUpdateEmitter.builder().build();
        projections = Stream.of(new IncidentSummaryProjection(incidents),
                        new InvestigationProjection(investigations),
                        new TimelineProjection(timelines, nobody))
                .map(AnnotationEventHandlerAdapter::new)
                .toList();
    }

    /** An unnamed in-memory H2 database belongs to its one connection and disappears with it. */
    static SingleConnectionDataSource privateDatabase() {
        return new SingleConnectionDataSource("jdbc:h2:mem:", true);
    }

    void apply(DomainEventMessage<?> event) {
        for (AnnotationEventHandlerAdapter projection : projections) {
            try {
                if (projection.canHandle(event)) {
                    projection.handle(event);
                }
            } catch (Exception e) {
                throw new IllegalStateException("Projecting event " + event.getSequenceNumber() + " of "
                        + event.getAggregateIdentifier() + " (" + event.getPayloadType().getSimpleName() + ") failed", e);
            }
        }
    }

    Optional<IncidentView> incident(String incidentId) {
        return incidents.findView(incidentId);
    }

    InvestigationView investigation(String incidentId) {
        return investigations.load(incidentId);
    }

    List<TimelineEntryView> timeline(String incidentId) {
        return timelines.entries(incidentId);
    }

    @Override
    public void close() {
        database.destroy();
    }
}
