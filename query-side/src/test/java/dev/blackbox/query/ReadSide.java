package dev.blackbox.query;

import dev.blackbox.events.IncidentEvent;
import dev.blackbox.query.incident.IncidentRepository;
import dev.blackbox.query.incident.IncidentSummaryProjection;
import dev.blackbox.query.investigation.InvestigationProjection;
import dev.blackbox.query.investigation.InvestigationRepository;
import dev.blackbox.query.metrics.IncidentMetricsProjection;
import dev.blackbox.query.metrics.MetricsRepository;
import dev.blackbox.query.postmortem.PostmortemProjection;
import dev.blackbox.query.postmortem.PostmortemQueries;
import dev.blackbox.query.postmortem.PostmortemRepository;
import dev.blackbox.query.timeline.TimelineProjection;
import dev.blackbox.query.timeline.TimelineRepository;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The whole read side on a fresh in-memory H2 database migrated by Flyway, fed through Axon's
 * annotation adapters (so {@code @SequenceNumber} and {@code @ResetHandler} resolve as in the
 * application) and asked through a real QueryGateway.
 */
public final class ReadSide {

    private final JdbcClient jdbc;
    private final List<AnnotationEventHandlerAdapter> projections = new ArrayList<>();
    private final QueryGateway queryGateway;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<DomainEventMessage<?>> published = new ArrayList<>();

    public ReadSide(Clock clock) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
        jdbc = JdbcClient.create(dataSource);

        IncidentRepository incidents = new IncidentRepository(jdbc);
        TimelineRepository timelines = new TimelineRepository(jdbc);
        InvestigationRepository investigations = new InvestigationRepository(jdbc);
        MetricsRepository metrics = new MetricsRepository(jdbc);
        PostmortemRepository postmortems = new PostmortemRepository(jdbc);
        List<Object> eventHandlers = List.of(new IncidentSummaryProjection(incidents),
                new TimelineProjection(timelines), new InvestigationProjection(investigations),
                new IncidentMetricsProjection(metrics), new PostmortemProjection(postmortems));
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("clock", clock));
        PostmortemQueries postmortemQueries = new PostmortemQueries(incidents, timelines, investigations, metrics,
                postmortems, beans.getBeanProvider(Clock.class));

        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        for (Object handler : eventHandlers) {
            projections.add(new AnnotationEventHandlerAdapter(handler));
            new AnnotationQueryHandlerAdapter<>(handler).subscribe(queryBus);
        }
        new AnnotationQueryHandlerAdapter<>(postmortemQueries).subscribe(queryBus);
        queryGateway = DefaultQueryGateway.builder().queryBus(queryBus).build();
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public QueryGateway queryGateway() {
        return queryGateway;
    }

    /** Publishes events as the aggregate would: each incident's next sequence number, in order. */
    public ReadSide publish(IncidentEvent... events) {
        return publish(List.of(events));
    }

    public ReadSide publish(List<? extends IncidentEvent> events) {
        for (IncidentEvent event : events) {
            long sequence = nextSequence.merge(event.incidentId(), 1L, Long::sum) - 1;
            DomainEventMessage<?> message =
                    new GenericDomainEventMessage<>("Incident", event.incidentId(), sequence, event);
            published.add(message);
            deliver(message);
        }
        return this;
    }

    /** Delivers every event published so far once more, as a redelivery or a replay without reset would. */
    public void redeliverAll() {
        List.copyOf(published).forEach(this::deliver);
    }

    /** Clears every read model through its reset handler and replays every event, as a token reset would. */
    public void rebuild() {
        projections.forEach(AnnotationEventHandlerAdapter::prepareReset);
        redeliverAll();
    }

    public <R> R ask(Object query, Class<R> type) {
        return queryGateway.query(query, ResponseTypes.instanceOf(type)).join();
    }

    public <R> Optional<R> find(Object query, Class<R> type) {
        return queryGateway.query(query, ResponseTypes.optionalInstanceOf(type)).join();
    }

    private void deliver(DomainEventMessage<?> message) {
        for (AnnotationEventHandlerAdapter projection : projections) {
            try {
                if (projection.canHandle(message)) {
                    projection.handle(message);
                }
            } catch (Exception e) {
                throw new IllegalStateException("Projection failed on " + message.getPayloadType(), e);
            }
        }
    }
}
