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
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

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

    private final NamedParameterJdbcTemplate jdbc;
    private final List<AnnotationEventHandlerAdapter> projections = new ArrayList<>();
    private final QueryGateway queryGateway;
    private final QueryUpdateEmitter queryUpdateEmitter;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<DomainEventMessage<?>> published = new ArrayList<>();
    private final TransactionManager transactions;
    private int batchSize;

    public ReadSide(Clock clock) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
        jdbc = new NamedParameterJdbcTemplate(dataSource);
        transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));

        IncidentRepository incidents = new IncidentRepository(jdbc);
        TimelineRepository timelines = new TimelineRepository(jdbc);
        InvestigationRepository investigations = new InvestigationRepository(jdbc);
        MetricsRepository metrics = new MetricsRepository(jdbc);
        PostmortemRepository postmortems = new PostmortemRepository(jdbc);
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        List<Object> eventHandlers = List.of(new IncidentSummaryProjection(incidents),
                new TimelineProjection(timelines, queryBus.queryUpdateEmitter()),
                new InvestigationProjection(investigations),
                new IncidentMetricsProjection(metrics), new PostmortemProjection(postmortems));
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("clock", clock));
        PostmortemQueries postmortemQueries = new PostmortemQueries(incidents, timelines, investigations, metrics,
                postmortems, beans.getBeanProvider(Clock.class));

        for (Object handler : eventHandlers) {
            projections.add(new AnnotationEventHandlerAdapter(handler));
            new AnnotationQueryHandlerAdapter<>(handler).subscribe(queryBus);
        }
        new AnnotationQueryHandlerAdapter<>(postmortemQueries).subscribe(queryBus);
        queryGateway = DefaultQueryGateway.builder().queryBus(queryBus).build();
        queryUpdateEmitter = queryBus.queryUpdateEmitter();
    }

    /**
     * From now on delivers events as the event processors do: each projection gets those it handles
     * in batches of up to {@code size}, each batch in one {@link BatchingUnitOfWork} with its own
     * transaction, so the repositories hold their writes back until the batch commits. Until then,
     * events go to the projections one by one, outside any unit of work.
     */
    public ReadSide inBatchesOf(int size) {
        batchSize = size;
        return this;
    }

    public NamedParameterJdbcTemplate jdbc() {
        return jdbc;
    }

    public QueryGateway queryGateway() {
        return queryGateway;
    }

    /** What the timeline projection emits its entries through, and where subscription queries are registered. */
    public QueryUpdateEmitter queryUpdateEmitter() {
        return queryUpdateEmitter;
    }

    /** Publishes events as the aggregate would: each incident's next sequence number, in order. */
    public ReadSide publish(IncidentEvent... events) {
        return publish(List.of(events));
    }

    public ReadSide publish(List<? extends IncidentEvent> events) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (IncidentEvent event : events) {
            long sequence = nextSequence.merge(event.incidentId(), 1L, Long::sum) - 1;
            messages.add(new GenericDomainEventMessage<>("Incident", event.incidentId(), sequence, event));
        }
        published.addAll(messages);
        deliver(messages);
        return this;
    }

    /** Delivers every event published so far once more, as a redelivery or a replay without reset would. */
    public void redeliverAll() {
        deliver(List.copyOf(published));
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

    private void deliver(List<DomainEventMessage<?>> messages) {
        if (batchSize == 0) {
            messages.forEach(this::deliver);
            return;
        }
        for (AnnotationEventHandlerAdapter projection : projections) {
            List<DomainEventMessage<?>> handled = messages.stream().filter(projection::canHandle).toList();
            for (int from = 0; from < handled.size(); from += batchSize) {
                deliver(projection, handled.subList(from, Math.min(from + batchSize, handled.size())));
            }
        }
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

    /** As a processor handles a batch: one unit of work and transaction, every event's handler, then commit. */
    private void deliver(AnnotationEventHandlerAdapter projection, List<DomainEventMessage<?>> batch) {
        BatchingUnitOfWork<DomainEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> projection.handle(unitOfWork.getMessage()));
        if (result.isExceptional()) {
            throw new IllegalStateException("A batch of " + batch.size() + " events failed", result.exceptionResult());
        }
    }
}
