package dev.blackbox.query.postmortem;

import dev.blackbox.query.ReadSide;
import dev.blackbox.query.Scenario;
import dev.blackbox.query.incident.FindIncident;
import dev.blackbox.query.incident.IncidentView;
import dev.blackbox.query.metrics.FindIncidentMetrics;
import dev.blackbox.query.metrics.IncidentMetricsView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every scenario's events give the expected status, the exact metrics and a postmortem that says what it must. */
class ScenarioPostmortemTest {

    static final List<String> SCENARIOS = Scenario.NAMES;

    static final List<String> SECTIONS = List.of("## Issue Summary", "## Timeline",
            "## Misleading investigation paths", "## Escalations", "## Root Cause and Resolution",
            "## Corrective and Preventative Measures", "## Metrics");

    private final ReadSide readSide = new ReadSide(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC));

    @ParameterizedTest
    @FieldSource("SCENARIOS")
    void metricsAreExactlyTheExpectedOnes(String name) {
        Scenario scenario = Scenario.load(name);
        readSide.publish(scenario.events());

        IncidentMetricsView metrics = readSide.find(new FindIncidentMetrics(scenario.incidentId()),
                IncidentMetricsView.class).orElseThrow();

        Map<String, Long> actual = new LinkedHashMap<>();
        actual.put("timeToDetectSeconds", metrics.timeToDetectSeconds());
        actual.put("timeToAcknowledgeSeconds", metrics.timeToAcknowledgeSeconds());
        actual.put("timeToMitigateSeconds", metrics.timeToMitigateSeconds());
        actual.put("timeToResolveSeconds", metrics.timeToResolveSeconds());
        actual.put("timeToRootCauseSeconds", metrics.timeToRootCauseSeconds());
        actual.put("timeOnMisleadingPathsSeconds", metrics.timeOnMisleadingPathsSeconds());
        actual.put("escalationCount", (long) metrics.escalationCount());
        actual.put("hypothesisCount", (long) metrics.hypothesisCount());
        actual.put("ruledOutCount", (long) metrics.ruledOutCount());
        assertThat(actual).isEqualTo(scenario.expectedMetrics());
    }

    @ParameterizedTest
    @FieldSource("SCENARIOS")
    void statusIsTheExpectedOne(String name) {
        Scenario scenario = Scenario.load(name);
        readSide.publish(scenario.events());

        IncidentView incident = readSide.find(new FindIncident(scenario.incidentId()), IncidentView.class).orElseThrow();

        assertThat(incident.status().name()).isEqualTo(scenario.expectedStatus());
    }

    @ParameterizedTest
    @FieldSource("SCENARIOS")
    void markdownMentionsEveryExpectedFactAndEverySectionInOrder(String name) {
        Scenario scenario = Scenario.load(name);
        readSide.publish(scenario.events());

        String markdown = MarkdownPostmortem.render(readSide.find(new FindPostmortem(scenario.incidentId()),
                PostmortemView.class).orElseThrow());

        assertThat(markdown).contains(scenario.postmortemMentions());
        assertThat(markdown).containsSubsequence(SECTIONS);
        assertThat(markdown).doesNotContain("Draft");
    }
}
