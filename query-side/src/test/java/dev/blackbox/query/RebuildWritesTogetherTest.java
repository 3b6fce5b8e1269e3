package dev.blackbox.query;

import dev.blackbox.events.IncidentEvent;
import dev.blackbox.plumbing.batch.ReplayHolds;
import dev.blackbox.query.replay.ReadModelProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasToString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A rebuild writes its rows every few replayed events of a segment, sorted by incident, instead of
 * with each batch: here about every five events of the four scenarios' incidents, taken in turn, on
 * two segments, as the replay passes every ten positions. Rows are written in the middle of the
 * replay, at its end by the batch of the segment the last event is in, and by the writer for the
 * other segment: with one event per batch, its last batch ends before the replay does. Every
 * read-model table comes out as the events first wrote it, and the two segments write at the same
 * positions of the store.
 */
@SpringBootTest(classes = {QuerySideWiringTest.QuerySideOnly.class, RebuildWritesTogetherTest.StoredTokens.class},
        properties = {
        "axon.axonserver.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:rebuild-together;DB_CLOSE_DELAY=-1",
        "spring.flyway.locations=classpath:db/migration/{vendor}",
        "axon.eventhandling.processors.read-models.mode=pooled",
        "axon.eventhandling.processors.read-models.initial-segment-count=2",
        "axon.eventhandling.processors.read-models.batch-size=1",
        "blackbox.processing.rebuild-events-per-write=5"})
@AutoConfigureMockMvc
class RebuildWritesTogetherTest extends OwnDataDirectory {

    /** Every table of the five read models the admin API rebuilds. */
    static final List<String> TABLES = List.of("incident_summary", "incident_service", "timeline_entry",
            "investigation_hypothesis", "investigation_action", "investigation_escalation", "investigation_root_cause",
            "investigation_factor", "incident_metrics", "incident_metrics_service", "incident_metrics_hypothesis",
            "incident_metrics_factor", "corrective_action", "postmortem_conclusion");

    private static final String PROCESSOR = ReadModelProcessor.PROCESSING_GROUP;

    @Autowired
    private EventStore eventStore;
    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private TokenStore tokenStore;

    @Test
    void everyTableComesBackAsTheEventsWroteItWithBothSegmentsWritingTogether() throws Exception {
        publishInterleaved(eventStore);
        awaitAllDone(mvc, eventStore);
        // A segment stores the head it passed when its claim is next extended; reset from there, its
        // replay goes on past its own last event.
        long head = eventStore.createHeadToken().position().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> IntStream.of(tokenStore.fetchSegments(PROCESSOR))
                .allMatch(segment -> tokenStore.fetchToken(PROCESSOR, segment).position().orElse(-1) == head));
        Map<String, List<Map<String, Object>>> before = tables(jdbc);
        assertThat(before.get("timeline_entry")).hasSize(67);

        for (String name : List.of("incident-summary", "timeline", "investigation", "incident-metrics", "postmortem")) {
            mvc.perform(post("/api/v1/admin/projections/{name}/replay", name)).andExpect(status().isAccepted());
        }
        awaitAllDone(mvc, eventStore);

        assertThat(tables(jdbc)).isEqualTo(before);

        // A segment that writes while the other handles events holds it up, so both write as the replay
        // passes each multiple of ten positions (five events per write, two segments), each at its
        // first event there; the ends of their events differ.
        StoredTokens.stored.clear();
        mvc.perform(post("/api/v1/admin/projections/{name}/replay", "timeline")).andExpect(status().isAccepted());
        awaitAllDone(mvc, eventStore);

        // Position 0 is the token the reset stored; the store's 67 events are at positions 0 to 66.
        Map<Integer, List<Long>> writes = StoredTokens.stored.stream()
                .filter(stored -> ReplayHolds.replaying(stored.token()) && stored.position() > 0)
                .collect(Collectors.groupingBy(StoredToken::segment, TreeMap::new,
                        Collectors.mapping(StoredToken::position, Collectors.toList())));
        assertThat(writes).containsOnlyKeys(0, 1);
        writes.forEach((segment, positions) -> assertThat(positions.stream()
                .filter(position -> position < 60)
                .map(position -> position / 10)
                .toList())
                .as("the tens segment %d's writes were in, of its writes at %s", segment, positions)
                .containsExactly(1L, 2L, 3L, 4L, 5L));
    }

    record StoredToken(int segment, TrackingToken token) {

        long position() {
            return token.position().orElseThrow();
        }
    }

    /** The tokens the read models' processor stores: with a rebuild's rows, where it holds them. */
    static class StoredTokens {

        static final List<StoredToken> stored = new CopyOnWriteArrayList<>();

        @Bean
        static BeanPostProcessor recordStoredTokens() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof InMemoryTokenStore)) {
                        return bean;
                    }
                    return new InMemoryTokenStore() {
                        @Override
                        public void storeToken(TrackingToken token, String processor, int segment) {
                            if (PROCESSOR.equals(processor)) {
                                stored.add(new StoredToken(segment, token));
                            }
                            super.storeToken(token, processor, segment);
                        }
                    };
                }
            };
        }
    }

    /** The four scenarios' events, taken in turn from each, as bots working on four incidents at once would store them. */
    static void publishInterleaved(EventStore eventStore) {
        List<Scenario> scenarios = Scenario.NAMES.stream().map(Scenario::load).toList();
        List<GenericDomainEventMessage<IncidentEvent>> messages = new ArrayList<>();
        for (int sequence = 0; messages.size() < scenarios.stream().mapToInt(s -> s.events().size()).sum(); sequence++) {
            for (Scenario scenario : scenarios) {
                if (sequence < scenario.events().size()) {
                    messages.add(new GenericDomainEventMessage<>("Incident", scenario.incidentId(), sequence,
                            scenario.events().get(sequence)));
                }
            }
        }
        messages.forEach(eventStore::publish);
    }

    static Map<String, List<Map<String, Object>>> tables(JdbcTemplate jdbc) {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        for (String table : TABLES) {
            // Every key of these tables is at most its first two columns.
            tables.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1, 2"));
        }
        return tables;
    }

    /** Every read model live and at the head of the store, as the admin API reports it. */
    static void awaitAllDone(MockMvc mvc, EventStore eventStore) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String head = String.valueOf(eventStore.createHeadToken().position().orElseThrow());
            mvc.perform(get("/api/v1/admin/projections"))
                    .andExpect(jsonPath("$[?(@.name != 'search')].state").value(everyItem(equalTo("done"))))
                    .andExpect(jsonPath("$[?(@.name != 'search')].position").value(everyItem(hasToString(head))));
        });
    }
}
