package dev.blackbox.query.web;

import dev.blackbox.query.Events;
import dev.blackbox.query.ReadSide;
import dev.blackbox.query.Scenario;
import dev.blackbox.query.postmortem.PostmortemTemplates;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static dev.blackbox.events.Severity.SEV3;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The HTTP query API over the real query handlers and a real QueryGateway, with the
 * load-balancer scenario and one open incident in the read models.
 */
@WebMvcTest(properties = "spring.mvc.problemdetails.enabled=true")
class QueryApiTest {

    private static final String LB = "lb-misconfig-2024-01-24";

    @Configuration
    @Import({IncidentQueryController.class, MetricsQueryController.class, PostmortemController.class, Reads.class,
            PostmortemTemplates.class})
    static class ReadModelProcessor {

        @Bean
        QueryGateway queryGateway() {
            ReadSide readSide = new ReadSide(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC));
            readSide.publish(Scenario.load("load-balancer-misconfiguration").events());
            readSide.publish(new Events("open-1").detected("2024-05-01T10:00:00Z", SEV3, "search"));
            return readSide.queryGateway();
        }
    }

    @Autowired
    private MockMvc mvc;

    @Test
    void theListFiltersAndCounts() throws Exception {
        mvc.perform(get("/api/v1/incidents"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.incidents[0].incidentId").value("open-1"))
                .andExpect(jsonPath("$.incidents[1].detectedAt").value("2024-01-24T15:00:00Z"));
        mvc.perform(get("/api/v1/incidents").param("status", "resolved").param("severity", "SEV1,SEV2")
                        .param("service", "database").param("from", "2024-01-01").param("to", "2024-02-01T00:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.incidents[0].incidentId").value(LB));
        mvc.perform(get("/api/v1/incidents").param("size", "1").param("page", "1"))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.incidents", hasSize(1)))
                .andExpect(jsonPath("$.incidents[0].incidentId").value(LB));
    }

    @Test
    void badFiltersAreAnsweredWithAProblem() throws Exception {
        String[][] cases = {{"status", "BROKEN"}, {"severity", "SEV9"}, {"from", "yesterday"}, {"drill", "maybe"},
                {"page", "-1"}, {"size", "0"}, {"size", "501"}, {"size", "ten"}};
        for (String[] bad : cases) {
            mvc.perform(get("/api/v1/incidents").param(bad[0], bad[1]))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.title").value("Invalid query parameter"))
                    .andExpect(jsonPath("$.parameter").value(bad[0]))
                    .andExpect(jsonPath("$.detail", containsString(bad[1])));
        }
        mvc.perform(get("/api/v1/incidents").param("from", "2024-02-01").param("to", "2024-01-01"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("from"));
    }

    @Test
    void theDetailCarriesTheIncidentAndItsInvestigation() throws Exception {
        mvc.perform(get("/api/v1/incidents/{id}", LB))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.incidentId").value(LB))
                .andExpect(jsonPath("$.status").value("RESOLVED"))
                .andExpect(jsonPath("$.severity").value("SEV1"))
                .andExpect(jsonPath("$.userImpactPercent").value(80))
                .andExpect(jsonPath("$.rootCauseCategory").value("CONFIGURATION"))
                .andExpect(jsonPath("$.investigation.hypotheses", hasSize(3)))
                .andExpect(jsonPath("$.investigation.hypotheses[0].status").value("RULED_OUT"))
                .andExpect(jsonPath("$.investigation.hypotheses[0].openSeconds").value(4200))
                .andExpect(jsonPath("$.investigation.misleadingPaths", hasSize(3)))
                .andExpect(jsonPath("$.investigation.rootCause.hypothesisId").value("h-lb-config"));
    }

    @Test
    void anUnknownIncidentIsAProblemNamingTheId() throws Exception {
        for (String path : new String[]{"", "/timeline", "/metrics", "/postmortem"}) {
            mvc.perform(get("/api/v1/incidents/nope-42" + path))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.title").value("Incident not found"))
                    .andExpect(jsonPath("$.detail", containsString("nope-42")));
        }
    }

    @Test
    void theTimelineListsEveryEntryWithItsLinks() throws Exception {
        mvc.perform(get("/api/v1/incidents/{id}/timeline", LB))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.incidentId").value(LB))
                .andExpect(jsonPath("$.entries", hasSize(17)))
                .andExpect(jsonPath("$.entries[0].kind").value("DETECTED"))
                .andExpect(jsonPath("$.entries[0].occurredAt").value("2024-01-24T15:00:00Z"))
                .andExpect(jsonPath("$.entries[0].actor").value("alert-bot"))
                .andExpect(jsonPath("$.entries[0].sequence").value(0))
                .andExpect(jsonPath("$.entries[3].actionId").value("a-reboot-db"))
                .andExpect(jsonPath("$.entries[3].hypothesisId").value("h-db-failure"));
    }

    @Test
    void perIncidentMetricsUseTheSpecNamesAndNullsForMissingFacts() throws Exception {
        mvc.perform(get("/api/v1/incidents/{id}/metrics", LB))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.timeToAcknowledgeSeconds").value(300))
                .andExpect(jsonPath("$.timeToAcknowledge").value("PT5M"))
                .andExpect(jsonPath("$.timeToResolveSeconds").value(12600))
                .andExpect(jsonPath("$.timeOnMisleadingPathsSeconds").value(6000))
                .andExpect(jsonPath("$.ruledOutCount").value(2));
        mvc.perform(get("/api/v1/incidents/open-1/metrics"))
                .andExpect(jsonPath("$.timeToAcknowledgeSeconds").value(nullValue()))
                .andExpect(jsonPath("$.timeToResolveSeconds").value(nullValue()));
    }

    @Test
    void aggregateMetricsAreGroupedOnRequest() throws Exception {
        mvc.perform(get("/api/v1/metrics").param("from", "2024-01-01T00:00:00Z").param("groupBy", "rootCauseCategory"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.overall.count").value(2))
                .andExpect(jsonPath("$.overall.timeToResolveSeconds.samples").value(1))
                .andExpect(jsonPath("$.overall.timeToResolveSeconds.p90").value(12600))
                .andExpect(jsonPath("$.groupBy").value("rootCauseCategory"))
                .andExpect(jsonPath("$.groups[0].group").value("CONFIGURATION"))
                .andExpect(jsonPath("$.groups[1].group").value("NOT_IDENTIFIED"));
        mvc.perform(get("/api/v1/metrics").param("groupBy", "team"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("severity, service, rootCauseCategory")));
        mvc.perform(get("/api/v1/metrics").param("from", "2024-02-01").param("to", "2024-01-01"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void thePostmortemIsMarkdownUnlessTheClientPrefersJsonOrHtml() throws Exception {
        mvc.perform(get("/api/v1/incidents/{id}/postmortem", LB))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/markdown"))
                .andExpect(content().string(startsWith("# Postmortem: Users cannot log in")));
        mvc.perform(get("/api/v1/incidents/{id}/postmortem", LB).accept(MediaType.ALL))
                .andExpect(content().contentTypeCompatibleWith("text/markdown"));
        mvc.perform(get("/api/v1/incidents/{id}/postmortem", LB).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.draft").value(false))
                .andExpect(jsonPath("$.issueSummary.duration").value("3 hours 30 minutes"))
                .andExpect(jsonPath("$.issueSummary.userImpactPercent").value(80))
                .andExpect(jsonPath("$.timeline[0].date").value("2024-01-24"))
                .andExpect(jsonPath("$.escalations[1].target").value("networking-team"))
                .andExpect(jsonPath("$.correctiveMeasures[0].kind").value("IMPROVEMENT"))
                .andExpect(jsonPath("$.metrics.timeToRootCauseSeconds").value(10800));
        mvc.perform(get("/api/v1/incidents/{id}/postmortem", LB)
                        .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("<svg")));
        mvc.perform(get("/api/v1/incidents/{id}/postmortem", LB).header("Accept", "text/html;q=0, */*"))
                .andExpect(content().contentTypeCompatibleWith("text/markdown"));
    }

    @Test
    void aPostmortemFormatNobodyOffersIsNotAcceptable() throws Exception {
        mvc.perform(get("/api/v1/incidents/{id}/postmortem", LB).accept(MediaType.IMAGE_PNG))
                .andExpect(status().isNotAcceptable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("text/markdown")));
    }
}
