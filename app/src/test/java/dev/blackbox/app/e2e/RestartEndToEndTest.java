package dev.blackbox.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a bot was told is stored must still be there after the process stops and starts again. */
class RestartEndToEndTest {

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedEventSurvivesARestart() {
        // Snapshot early, so that the second start loads the incident from a snapshot plus events.
        try (ConfigurableApplicationContext first = Installations.start(dataDir, "blackbox.snapshots.threshold=2")) {
            BlackboxClient client = Installations.client(first);
            assertThat(client.post("/api/v1/incidents", """
                    {"incidentId":"restart-1","title":"Logins fail","severity":"SEV1"}""",
                    Tokens.RESPONDER).status()).isEqualTo(201);
            assertThat(client.post("/api/v1/incidents/restart-1/hypotheses", """
                    {"hypothesisId":"h-idp","statement":"The identity provider rejects tokens"}""",
                    Tokens.RESPONDER).status()).isEqualTo(201);
            assertThat(client.post("/api/v1/incidents/restart-1/escalations", """
                    {"escalationTarget":"identity-team"}""", Tokens.RESPONDER).status()).isEqualTo(202);
        }
        try (ConfigurableApplicationContext second = Installations.start(dataDir, "blackbox.snapshots.threshold=2")) {
            BlackboxClient client = Installations.client(second);
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


    private static List<? extends EventMessage<?>> events(ConfigurableApplicationContext context) {
        return context.getBean(EventStore.class).readEvents("restart-1", 0).asStream().toList();
    }
}
