package dev.blackbox.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IncidentEventJsonTest {

    private static final String ID = "lb-misconfig-2024-01-24";
    private static final Instant AT = Instant.parse("2024-01-24T15:00:00Z");

    // Configured the way the application configures Axon's Jackson serializer: ISO timestamps.
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static Stream<IncidentEvent> oneOfEach() {
        return Stream.of(
                new IssueDetected(ID, AT, "alert-bot", "Users cannot log in", "Error rate spike", Severity.SEV1,
                        "monitoring", AT.minusSeconds(600), List.of("web-app", "database"), 80, false),
                new IncidentAcknowledged(ID, AT, "pager", "operations-team"),
                new IncidentEscalated(ID, AT, "operations-team", "database-team", "Focus moved to the database"),
                new HypothesisRecorded(ID, AT, "ops", "h-db", "The database servers are failing", "database"),
                new HypothesisRuledOut(ID, AT, "ops", "h-db", "Servers are healthy"),
                new HypothesisConfirmed(ID, AT, "ops", "h-lb", "Traffic goes to the wrong pool"),
                new ActionTaken(ID, AT, "ops", "a-reboot", "Rebooted the database", ActionOutcome.MADE_WORSE, "h-db"),
                new ImpactAssessed(ID, AT, "ops", 90, List.of("web-app"), "Logins fail everywhere"),
                new SeverityChanged(ID, AT, "ops", Severity.SEV2, Severity.SEV1, "Most users affected"),
                new RootCauseIdentified(ID, AT, "net", "Misrouted queries", RootCauseCategory.CONFIGURATION, "h-lb"),
                new IncidentMitigated(ID, AT, "net", "Traffic drained to the healthy pool"),
                new IncidentResolved(ID, AT, "net", "Corrected the load balancer configuration"),
                new IncidentReopened(ID, AT, "net", "Errors are back"),
                new CorrectiveActionAdded(ID, AT, "sre", "ca-1", "Config tests in CI", CorrectiveActionKind.TASK,
                        "networking-team", Instant.parse("2024-02-07T00:00:00Z")),
                new CorrectiveActionCompleted(ID, AT, "sre", "ca-1"),
                new NoteAdded(ID, AT, "ops", "n-1", "Customer support is informed", NoteVisibility.PUBLIC),
                new NoteAdded(ID, AT, "alertmanager", "alert-1-firing", "Alert HighLatency firing", NoteVisibility.INTERNAL,
                        Map.of("alertname", "HighLatency", "job", "checkout")),
                new ConclusionWritten(ID, AT, "sre", "Configuration changes need tests."),
                new ContributingFactorIdentified(ID, AT, "sre", "cf-1", "A campaign doubled logins",
                        ContributingFactorKind.TRIGGER, RootCauseCategory.CAPACITY, "h-lb"),
                new ContributingFactorWithdrawn(ID, AT, "sre", "cf-1", "The campaign started later"));
    }

    @ParameterizedTest
    @MethodSource("oneOfEach")
    void survivesAJsonRoundTrip(IncidentEvent event) throws Exception {
        String json = mapper.writeValueAsString(event);

        assertThat(mapper.readValue(json, event.getClass())).isEqualTo(event);
        assertThat(json).contains("\"occurredAt\":\"2024-01-24T15:00:00Z\"");
    }

    @Test
    void everyEventHasASampleAndARevision() {
        Set<Class<?>> sampled = oneOfEach().map(Object::getClass).collect(Collectors.toSet());
        Set<Class<?>> permitted = Arrays.stream(IncidentEvent.class.getPermittedSubclasses()).collect(Collectors.toSet());

        assertThat(sampled).isEqualTo(permitted);
        assertThat(permitted).allSatisfy(type ->
                assertThat(type.getAnnotation(Revision.class).value()).isEqualTo(type == NoteAdded.class ? "3" : "1"));
    }

    @Test
    void drillEventsSurviveAJsonRoundTrip() throws Exception {
        for (DrillEvent event : List.of(
                new DrillStarted("drill-1", "training-1", ID, DrillSpeed.SIXTY_TIMES, AT, "trainer"),
                new DrillRevealed("drill-1", AT, "trainer"))) {
            String json = mapper.writeValueAsString(event);
            assertThat(mapper.readValue(json, event.getClass())).isEqualTo(event);
            assertThat(event.getClass().getAnnotation(Revision.class).value()).isEqualTo("1");
        }
    }

    @Test
    void missingListsReadAsEmpty() throws Exception {
        String json = """
                {"incidentId":"i","occurredAt":"2024-01-24T15:00:00Z","recordedBy":"bot","title":"t",
                 "severity":"SEV3","detectedBy":"bot","drill":false}""";

        assertThat(mapper.readValue(json, IssueDetected.class).affectedServices()).isEmpty();
    }
}
