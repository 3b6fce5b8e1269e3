package dev.blackbox.query;

import dev.blackbox.events.IncidentEvent;
import dev.blackbox.query.incident.IncidentSummaryProjection;
import dev.blackbox.query.investigation.InvestigationProjection;
import dev.blackbox.query.metrics.IncidentMetricsProjection;
import dev.blackbox.query.postmortem.PostmortemProjection;
import dev.blackbox.query.replay.ReadModelProcessor;
import dev.blackbox.query.search.SearchIndex;
import dev.blackbox.query.timeline.TimelineProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasToString;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The read models share one processor, yet each can be rebuilt alone through the admin API: the
 * rebuilt one is emptied and replayed, the others are neither emptied nor fed the replayed events.
 */
@SpringBootTest(classes = QuerySideWiringTest.QuerySideOnly.class, properties = {
        "axon.axonserver.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:rebuild;DB_CLOSE_DELAY=-1",
        "spring.flyway.locations=classpath:db/migration/{vendor}",
        "axon.eventhandling.processors.read-models.mode=pooled"})
@AutoConfigureMockMvc
class ReadModelRebuildTest extends OwnDataDirectory {

    @Autowired
    private EventStore eventStore;
    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void rebuildingOneReadModelRestoresItAndLeavesTheOthersAsTheyWere() throws Exception {
        Scenario scenario = Scenario.load("dns-change");
        publish(scenario);
        awaitAllDone();
        // Rows no event would write: a rebuild of the incident summary would overwrite the title,
        // and only the timeline's rebuild brings its entries back.
        assertThat(jdbc.update("UPDATE incident_summary SET title = 'left alone' WHERE incident_id = ?",
                scenario.incidentId())).isEqualTo(1);
        int entries = jdbc.update("DELETE FROM timeline_entry WHERE incident_id = ?", scenario.incidentId());
        assertThat(entries).isPositive();
        mvc.perform(get("/api/v1/incidents/{id}", scenario.incidentId()))
                .andExpect(jsonPath("$.title").value("left alone"));

        mvc.perform(post("/api/v1/admin/projections/{name}/replay", TimelineProjection.NAME))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.name").value(TimelineProjection.NAME));
        mvc.perform(get("/api/v1/admin/projections/{name}/replay", "nothing")).andExpect(status().isNotFound());

        awaitAllDone();
        mvc.perform(get("/api/v1/incidents/{id}/timeline", scenario.incidentId()))
                .andExpect(jsonPath("$.entries.length()").value(entries));
        mvc.perform(get("/api/v1/incidents/{id}", scenario.incidentId()))
                .andExpect(jsonPath("$.title").value("left alone"));
        mvc.perform(get("/api/v1/admin/projections"))
                .andExpect(jsonPath("$[*].name").value(containsInAnyOrder(IncidentSummaryProjection.NAME,
                        TimelineProjection.NAME, InvestigationProjection.NAME, IncidentMetricsProjection.NAME,
                        PostmortemProjection.NAME, SearchIndex.NAME)));
    }

    @Test
    void aRebuildAskedForWhileAnotherIsUnfinishedCompletesBoth() throws Exception {
        Scenario scenario = Scenario.load("certificate-expiry");
        publish(scenario);
        awaitAllDone();
        int entries = jdbc.queryForObject("SELECT COUNT(*) FROM timeline_entry WHERE incident_id = ?", Integer.class,
                scenario.incidentId());
        // A timeline rebuild that stopped right after its reset (as a restart would leave it): its
        // table is empty and its tokens still wait to replay the stream.
        StreamingEventProcessor processor = processing
                .eventProcessor(ReadModelProcessor.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens(TimelineProjection.NAME);

        mvc.perform(post("/api/v1/admin/projections/{name}/replay", PostmortemProjection.NAME))
                .andExpect(status().isAccepted());

        awaitAllDone();
        mvc.perform(get("/api/v1/incidents/{id}/timeline", scenario.incidentId()))
                .andExpect(jsonPath("$.entries.length()").value(entries));
    }

    /** Every read model live and at the head of the store, as the admin API reports it. */
    private void awaitAllDone() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String head = String.valueOf(eventStore.createHeadToken().position().orElseThrow());
            mvc.perform(get("/api/v1/admin/projections"))
                    .andExpect(jsonPath("$[*].state").value(everyItem(equalTo("done"))))
                    .andExpect(jsonPath("$[*].position").value(everyItem(hasToString(head))));
        });
    }

    private void publish(Scenario scenario) {
        List<IncidentEvent> events = scenario.events();
        for (int sequence = 0; sequence < events.size(); sequence++) {
            eventStore.publish(new GenericDomainEventMessage<>("Incident", scenario.incidentId(), sequence,
                    events.get(sequence)));
        }
    }
}
