package dev.blackbox.query;

import dev.blackbox.events.IncidentEvent;
import dev.blackbox.query.metrics.IncidentMeters;
import dev.blackbox.query.replay.ReadModelProcessor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The query side as Spring and Axon assemble it: the beans scanned from this module, Flyway on
 * H2, the projections on one pooled streaming processor reading domain events from an event store,
 * and the HTTP API answering through the QueryGateway.
 */
@SpringBootTest(properties = {
        "axon.axonserver.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:wiring;DB_CLOSE_DELAY=-1",
        "spring.flyway.locations=classpath:db/migration/{vendor}",
        "axon.eventhandling.processors.read-models.mode=pooled"})
@AutoConfigureMockMvc
class QuerySideWiringTest extends OwnDataDirectory {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ComponentScan(basePackages = "dev.blackbox.query",
            excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*Test(\\$.*)?"))
    static class QuerySideOnly {

        @Bean
        EventStorageEngine eventStorageEngine() {
            return new InMemoryEventStorageEngine();
        }

        @Bean
        TokenStore tokenStore() {
            return new InMemoryTokenStore();
        }
    }

    @Autowired
    private EventStore eventStore;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private IncidentMeters meters;
    @Autowired
    private MockMvc mvc;

    @Test
    void theProjectionsShareOnePooledProcessorAndTheApiAnswersFromThem() throws Exception {
        assertThat(processing.eventProcessors()).containsOnlyKeys(ReadModelProcessor.PROCESSING_GROUP);
        assertThat(processing.eventProcessor(ReadModelProcessor.PROCESSING_GROUP, PooledStreamingEventProcessor.class))
                .isPresent();
        Scenario scenario = Scenario.load("connection-leak");
        List<IncidentEvent> events = publish(scenario);

        awaitEveryProjectionAtTheEndOf(scenario.incidentId());

        mvc.perform(get("/api/v1/incidents/{id}/metrics", scenario.incidentId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.timeToResolveSeconds").value(14400));
        mvc.perform(get("/api/v1/incidents/{id}/timeline", scenario.incidentId()))
                .andExpect(jsonPath("$.entries.length()").value(events.size()));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        meters.bindTo(registry);
        assertThat(registry.get("blackbox.incidents.mttr").gauge().value()).isEqualTo(14400.0);
    }

    private List<IncidentEvent> publish(Scenario scenario) {
        List<IncidentEvent> events = scenario.events();
        for (int sequence = 0; sequence < events.size(); sequence++) {
            eventStore.publish(new GenericDomainEventMessage<>("Incident", scenario.incidentId(), sequence,
                    events.get(sequence)));
        }
        return events;
    }

    /** Each projection's last event shows in the postmortem or the detail; they run independently. */
    private void awaitEveryProjectionAtTheEndOf(String incidentId) throws Exception {
        List<String> lastWords = List.of("Corrective action completed", "status: done", "|Time to resolve|4 hours|",
                "Confirmed hypothesis:");
        long deadline = System.currentTimeMillis() + 40_000;
        while (true) {
            String postmortem = mvc.perform(get("/api/v1/incidents/{id}/postmortem", incidentId)).andReturn()
                    .getResponse().getContentAsString();
            String detail = mvc.perform(get("/api/v1/incidents/{id}", incidentId)).andReturn()
                    .getResponse().getContentAsString();
            if (lastWords.stream().allMatch(postmortem::contains) && detail.contains("\"correctiveActionCount\":3")) {
                return;
            }
            assertThat(System.currentTimeMillis()).as("every projection caught up").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
