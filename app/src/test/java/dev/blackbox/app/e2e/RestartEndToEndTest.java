package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackbox.app.BlackboxApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a bot was told is stored must still be there after the process stops and starts again. */
class RestartEndToEndTest {

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedEventSurvivesARestart() {
        try (ConfigurableApplicationContext first = start()) {
            BlackboxClient client = client(first);
            assertThat(client.post("/api/v1/incidents", """
                    {"incidentId":"restart-1","title":"Logins fail","severity":"SEV1"}""",
                    Tokens.RESPONDER).status()).isEqualTo(201);
            assertThat(client.post("/api/v1/incidents/restart-1/hypotheses", """
                    {"hypothesisId":"h-idp","statement":"The identity provider rejects tokens"}""",
                    Tokens.RESPONDER).status()).isEqualTo(201);
            assertThat(client.post("/api/v1/incidents/restart-1/escalations", """
                    {"escalationTarget":"identity-team"}""", Tokens.RESPONDER).status()).isEqualTo(202);
        }
        try (ConfigurableApplicationContext second = start()) {
            BlackboxClient client = client(second);
            List<? extends EventMessage<?>> before = events(second);
            assertThat(before).extracting(event -> event.getPayloadType().getSimpleName())
                    .containsExactly("IssueDetected", "HypothesisRecorded", "IncidentEscalated");
            assertThat(second.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = 'restart-1'",
                    Integer.class)).isPositive();

            // The aggregate is rebuilt from its snapshot and later events: it still knows the hypothesis
            // and recognises the earlier request.
            assertThat(client.post("/api/v1/incidents/restart-1/hypotheses", """
                    {"hypothesisId":"h-idp","statement":"The identity provider rejects tokens"}""",
                    Tokens.RESPONDER).status()).isEqualTo(201);
            assertThat(client.post("/api/v1/incidents/restart-1/hypotheses/h-idp/rule-out", """
                    {"evidence":"The provider's own login works"}""", Tokens.RESPONDER).status()).isEqualTo(202);

            assertThat(events(second)).extracting(event -> event.getPayloadType().getSimpleName())
                    .containsExactly("IssueDetected", "HypothesisRecorded", "IncidentEscalated",
                            "HypothesisRuledOut");
        }
    }

    /** Settings go in as command-line arguments: they must win over application.yml's defaults. */
    private ConfigurableApplicationContext start() {
        List<String> arguments = new ArrayList<>(List.of(
                "--blackbox.data-dir=" + dataDir,
                "--server.port=0",
                // Snapshot early, so that the second start loads the incident from a snapshot plus events.
                "--blackbox.snapshots.threshold=2"));
        for (String property : Tokens.PROPERTIES) {
            arguments.add("--" + property);
        }
        for (String property : storeSettings()) {
            arguments.add("--" + property);
        }
        return new SpringApplicationBuilder(BlackboxApplication.class).run(arguments.toArray(String[]::new));
    }

    /** Where events are stored; empty for the embedded default. Both starts use the same store. */
    List<String> storeSettings() {
        return List.of();
    }

    private static BlackboxClient client(ConfigurableApplicationContext context) {
        return new BlackboxClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    private static List<? extends EventMessage<?>> events(ConfigurableApplicationContext context) {
        return context.getBean(EventStore.class).readEvents("restart-1", 0).asStream().toList();
    }
}
