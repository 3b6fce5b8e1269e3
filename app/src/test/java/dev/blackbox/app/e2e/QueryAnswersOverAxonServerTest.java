package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.events.Severity;
import dev.blackbox.query.incident.FindIncident;
import dev.blackbox.query.incident.FindIncidents;
import dev.blackbox.query.incident.IncidentListView;
import dev.blackbox.query.incident.IncidentStatus;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.investigation.FindInvestigation;
import dev.blackbox.query.investigation.InvestigationView;
import dev.blackbox.query.metrics.AggregateMetricsView;
import dev.blackbox.query.metrics.FindAggregateMetrics;
import dev.blackbox.query.metrics.FindIncidentMetrics;
import dev.blackbox.query.metrics.IncidentMetricsView;
import dev.blackbox.query.metrics.MetricsGrouping;
import dev.blackbox.query.postmortem.FindPostmortem;
import dev.blackbox.query.postmortem.PostmortemView;
import dev.blackbox.query.timeline.FindTimeline;
import dev.blackbox.query.timeline.TimelineView;
import dev.blackbox.query.timetravel.FindIncidentAsOf;
import dev.blackbox.query.timetravel.FindTimelineAsOf;
import dev.blackbox.query.timetravel.IncidentStateView;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.axoniq.axonserver.grpc.query.QueryUpdate;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.query.QuerySerializer;
import org.axonframework.axonserver.connector.query.subscription.SubscriptionMessageSerializer;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.GenericSubscriptionQueryUpdateMessage;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryResponseMessage;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;

/**
 * With the axonserver profile a subscription query's answer and updates are serialized to cross Axon
 * Server, and so is any query asked in a process that has no handler for it (a process answers its
 * own queries itself, {@code shortcut-queries-to-local-handlers}). Each query handler's real answers
 * (found and not found) are run through the serializers and Axon's own wire conversion that profile
 * uses, and must arrive unchanged. A query handler added without samples here fails the test.
 */
class QueryAnswersOverAxonServerTest extends EndToEndTest {

    private static final String LB = "lb-misconfig-2024-01-24";
    private static final Instant DURING = Instant.parse("2024-01-24T17:00:00Z");

    @Autowired
    QueryBus queryBus;
    @Autowired
    @Qualifier("messageSerializer")
    Serializer messageSerializer;
    @Autowired
    Serializer serializer;
    @Autowired
    ApplicationContext context;

    /** Queries of one type, and the answer type the HTTP API asks them with. */
    private record Samples(ResponseType<?> answer, List<Object> queries) {
    }

    private static Map<Class<?>, Samples> samples() {
        Map<Class<?>, Samples> samples = new HashMap<>();
        samples.put(FindIncident.class, new Samples(ResponseTypes.optionalInstanceOf(IncidentView.class),
                List.of(new FindIncident(LB), new FindIncident("nope"))));
        samples.put(FindIncidents.class, new Samples(ResponseTypes.instanceOf(IncidentListView.class), List.of(
                new FindIncidents(Set.of(IncidentStatus.RESOLVED), Set.of(Severity.SEV1), null, null, null, null, 0, 50),
                new FindIncidents(Set.of(), Set.of(), "nothing", null, null, true, 3, 10))));
        samples.put(FindTimeline.class, new Samples(ResponseTypes.optionalInstanceOf(TimelineView.class),
                List.of(new FindTimeline(LB), new FindTimeline("nope"))));
        samples.put(FindInvestigation.class, new Samples(ResponseTypes.instanceOf(InvestigationView.class),
                List.of(new FindInvestigation(LB), new FindInvestigation("nope"))));
        samples.put(FindIncidentMetrics.class, new Samples(ResponseTypes.optionalInstanceOf(IncidentMetricsView.class),
                List.of(new FindIncidentMetrics(LB), new FindIncidentMetrics("nope"))));
        samples.put(FindAggregateMetrics.class, new Samples(ResponseTypes.instanceOf(AggregateMetricsView.class),
                List.of(new FindAggregateMetrics(null, null, MetricsGrouping.SERVICE),
                        new FindAggregateMetrics(DURING, null, null))));
        samples.put(FindPostmortem.class, new Samples(ResponseTypes.optionalInstanceOf(PostmortemView.class),
                List.of(new FindPostmortem(LB), new FindPostmortem("nope"))));
        samples.put(FindIncidentAsOf.class, new Samples(ResponseTypes.optionalInstanceOf(IncidentStateView.class),
                List.of(new FindIncidentAsOf(LB, DURING), new FindIncidentAsOf("nope", DURING))));
        samples.put(FindTimelineAsOf.class, new Samples(ResponseTypes.optionalInstanceOf(TimelineView.class),
                List.of(new FindTimelineAsOf(LB, DURING), new FindTimelineAsOf(LB, Instant.parse("2020-01-01T00:00:00Z")))));
        return samples;
    }

    /** Each query as the HTTP API asks it, found and not found. */
    @Test
    void everyQueryAnswerCrossesAxonServerUnchanged() {
        for (Scenario.Step step : Scenario.of(LB).steps()) {
            assertThat(client.send(LB, step, Tokens.RESPONDER).status()).isBetween(200, 299);
        }
        await("/api/v1/incidents/" + LB, detail -> detail.path("correctiveActionCount").asInt() == 4);
        await("/api/v1/incidents/" + LB + "/metrics", metrics -> metrics.path("timeToRootCauseSeconds").isNumber());
        Map<Class<?>, Samples> samples = samples();
        assertThat(samples.keySet()).as("samples for every query handler").isEqualTo(handledQueries());
        QuerySerializer wire = new QuerySerializer(messageSerializer, serializer, new AxonServerConfiguration());

        int found = 0;
        for (Samples sample : samples.values()) {
            for (Object query : sample.queries()) {
                found += crossesUnchanged(wire, query, sample.answer().forSerialization(), sample.answer()) ? 1 : 0;
            }
        }
        assertThat(found).as("answers that hold something").isGreaterThanOrEqualTo(samples.size());
    }

    /** A subscription's first answer is converted to the asked type before it crosses, not after. */
    @Test
    void aLiveTimelinesFirstAnswerCrossesAxonServerUnchanged() {
        client.detect("live-0", Tokens.RESPONDER);
        await("/api/v1/incidents/live-0/timeline", t -> t.path("entries").size() == 1);
        QuerySerializer wire = new QuerySerializer(messageSerializer, serializer, new AxonServerConfiguration());

        assertThat(crossesUnchanged(wire, new FindTimeline("live-0"), FindTimeline.SUBSCRIPTION_ANSWER,
                FindTimeline.SUBSCRIPTION_ANSWER)).isTrue();
        assertThat(crossesUnchanged(wire, new FindTimeline("nope"), FindTimeline.SUBSCRIPTION_ANSWER,
                FindTimeline.SUBSCRIPTION_ANSWER)).isFalse();
    }

    /**
     * As through Axon Server: the handler is asked with {@code askedWith}, its answer is serialized
     * where it ran, and the asking side deserializes it into the type it asked for. True when the
     * answer held something.
     */
    private boolean crossesUnchanged(QuerySerializer wire, Object query, ResponseType<?> askedWith,
            ResponseType<?> asked) {
        QueryResponseMessage<?> answer = queryBus.query(new GenericQueryMessage<>(query, askedWith)).join();
        assertThat(answer.isExceptional()).as("%s: %s", query, answer.optionalExceptionResult()).isFalse();

        QueryResponse sent = wire.serializeResponse(answer, "request-1");
        Object received = wire.deserializeResponse(sent, asked).getPayload();

        assertThat(received).as("%s", query).isEqualTo(asked.convert(answer.getPayload()));
        return answer.getPayload() != null;
    }

    /** The live timeline subscribes to FindTimeline; its updates are timeline entries. */
    @Test
    void aLiveTimelinesUpdatesCrossAxonServerUnchanged() {
        client.post("/api/v1/incidents", """
                {"incidentId":"live-1","title":"Checkout fails","severity":"SEV2","affectedServices":["checkout"]}""",
                Tokens.RESPONDER);
        await("/api/v1/incidents/live-1/timeline", t -> t.path("entries").size() == 1);
        TimelineView timeline = queryBus.query(new GenericQueryMessage<>(new FindTimeline("live-1"),
                ResponseTypes.instanceOf(TimelineView.class))).join().getPayload();
        SubscriptionMessageSerializer wire = new SubscriptionMessageSerializer(messageSerializer, serializer,
                new AxonServerConfiguration());
        SubscriptionQueryUpdateMessage<?> update =
                GenericSubscriptionQueryUpdateMessage.asUpdateMessage(timeline.entries().get(0));

        QueryUpdate sent = wire.serialize(update);
        Object received = wire.deserialize(sent).getPayload();

        assertThat(received).isEqualTo(update.getPayload());
    }

    private Set<Class<?>> handledQueries() {
        Set<Class<?>> queries = new HashSet<>();
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            if (type != null && type.getName().startsWith("dev.blackbox.query.")) {
                Arrays.stream(type.getDeclaredMethods())
                        .filter(method -> method.isAnnotationPresent(QueryHandler.class))
                        .forEach(method -> queries.add(method.getParameterTypes()[0]));
            }
        }
        return queries;
    }
}
